"""CUB-200-2011, cut from the upstream TFDS `caltech_birds2011` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The upstream's `label_name` of each label id (the species folder name without its number, lower-
# cased; the upstream ClassLabel itself has no names). Label id i is the folder numbered i+1 in
# `classes.txt`.
_CLASS_NAMES = (
    'black_footed_albatross', 'laysan_albatross', 'sooty_albatross', 'groove_billed_ani',
    'crested_auklet', 'least_auklet', 'parakeet_auklet', 'rhinoceros_auklet', 'brewer_blackbird',
    'red_winged_blackbird', 'rusty_blackbird', 'yellow_headed_blackbird', 'bobolink',
    'indigo_bunting', 'lazuli_bunting', 'painted_bunting', 'cardinal', 'spotted_catbird',
    'gray_catbird', 'yellow_breasted_chat', 'eastern_towhee', 'chuck_will_widow',
    'brandt_cormorant', 'red_faced_cormorant', 'pelagic_cormorant', 'bronzed_cowbird',
    'shiny_cowbird', 'brown_creeper', 'american_crow', 'fish_crow', 'black_billed_cuckoo',
    'mangrove_cuckoo', 'yellow_billed_cuckoo', 'gray_crowned_rosy_finch', 'purple_finch',
    'northern_flicker', 'acadian_flycatcher', 'great_crested_flycatcher', 'least_flycatcher',
    'olive_sided_flycatcher', 'scissor_tailed_flycatcher', 'vermilion_flycatcher',
    'yellow_bellied_flycatcher', 'frigatebird', 'northern_fulmar', 'gadwall', 'american_goldfinch',
    'european_goldfinch', 'boat_tailed_grackle', 'eared_grebe', 'horned_grebe', 'pied_billed_grebe',
    'western_grebe', 'blue_grosbeak', 'evening_grosbeak', 'pine_grosbeak', 'rose_breasted_grosbeak',
    'pigeon_guillemot', 'california_gull', 'glaucous_winged_gull', 'heermann_gull', 'herring_gull',
    'ivory_gull', 'ring_billed_gull', 'slaty_backed_gull', 'western_gull', 'anna_hummingbird',
    'ruby_throated_hummingbird', 'rufous_hummingbird', 'green_violetear', 'long_tailed_jaeger',
    'pomarine_jaeger', 'blue_jay', 'florida_jay', 'green_jay', 'dark_eyed_junco',
    'tropical_kingbird', 'gray_kingbird', 'belted_kingfisher', 'green_kingfisher',
    'pied_kingfisher', 'ringed_kingfisher', 'white_breasted_kingfisher', 'red_legged_kittiwake',
    'horned_lark', 'pacific_loon', 'mallard', 'western_meadowlark', 'hooded_merganser',
    'red_breasted_merganser', 'mockingbird', 'nighthawk', 'clark_nutcracker',
    'white_breasted_nuthatch', 'baltimore_oriole', 'hooded_oriole', 'orchard_oriole',
    'scott_oriole', 'ovenbird', 'brown_pelican', 'white_pelican', 'western_wood_pewee', 'sayornis',
    'american_pipit', 'whip_poor_will', 'horned_puffin', 'common_raven', 'white_necked_raven',
    'american_redstart', 'geococcyx', 'loggerhead_shrike', 'great_grey_shrike', 'baird_sparrow',
    'black_throated_sparrow', 'brewer_sparrow', 'chipping_sparrow', 'clay_colored_sparrow',
    'house_sparrow', 'field_sparrow', 'fox_sparrow', 'grasshopper_sparrow', 'harris_sparrow',
    'henslow_sparrow', 'le_conte_sparrow', 'lincoln_sparrow', 'nelson_sharp_tailed_sparrow',
    'savannah_sparrow', 'seaside_sparrow', 'song_sparrow', 'tree_sparrow', 'vesper_sparrow',
    'white_crowned_sparrow', 'white_throated_sparrow', 'cape_glossy_starling', 'bank_swallow',
    'barn_swallow', 'cliff_swallow', 'tree_swallow', 'scarlet_tanager', 'summer_tanager',
    'artic_tern', 'black_tern', 'caspian_tern', 'common_tern', 'elegant_tern', 'forsters_tern',
    'least_tern', 'green_tailed_towhee', 'brown_thrasher', 'sage_thrasher', 'black_capped_vireo',
    'blue_headed_vireo', 'philadelphia_vireo', 'red_eyed_vireo', 'warbling_vireo',
    'white_eyed_vireo', 'yellow_throated_vireo', 'bay_breasted_warbler', 'black_and_white_warbler',
    'black_throated_blue_warbler', 'blue_winged_warbler', 'canada_warbler', 'cape_may_warbler',
    'cerulean_warbler', 'chestnut_sided_warbler', 'golden_winged_warbler', 'hooded_warbler',
    'kentucky_warbler', 'magnolia_warbler', 'mourning_warbler', 'myrtle_warbler',
    'nashville_warbler', 'orange_crowned_warbler', 'palm_warbler', 'pine_warbler',
    'prairie_warbler', 'prothonotary_warbler', 'swainson_warbler', 'tennessee_warbler',
    'wilson_warbler', 'worm_eating_warbler', 'yellow_warbler', 'northern_waterthrush',
    'louisiana_waterthrush', 'bohemian_waxwing', 'cedar_waxwing', 'american_three_toed_woodpecker',
    'pileated_woodpecker', 'red_bellied_woodpecker', 'red_cockaded_woodpecker',
    'red_headed_woodpecker', 'downy_woodpecker', 'bewick_wren', 'cactus_wren', 'carolina_wren',
    'house_wren', 'marsh_wren', 'rock_wren', 'winter_wren', 'common_yellowthroat',
)


class CaltechBirds2011(toolkit.TfdsDerivedTaskBuilder):
  """CUB-200-2011: variable-size RGB photos of 200 bird species.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'caltech_birds2011'
  CLASS_NAMES = _CLASS_NAMES
  # The reference used 0.1.1 (tensorflow-datasets 4.6), which the installed TFDS no longer builds;
  # 0.2.0 downloads the same CUB_200_2011 archive from data.caltech.edu instead of Google Drive and
  # gives the same split sizes (5994/5794).
  UPSTREAM_VERSION = '0.2.0'
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(2.4), upstream=disk.gib(1.2), task=disk.gib(1.2))
