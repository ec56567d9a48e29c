"""LFW's identification protocol, shared by `lfw` (the original images) and `lfwa` (LFW-a).

Shared source knowledge lives here, in the toolkit, so that neither task module imports the
other. LFW-a (Wolf, Hassner & Taigman) holds the same 13,233 images of the same 5,749 people as
LFW, aligned; both archives name each image `<Name>/<Name>_<NNNN>.jpg` (one folder per person,
numbered from 0001). The reference turns both into identification the same way: only the people
with at least 5 images are kept (423 people, 5,985 images), and each kept person's images are
cut by position into train / dev / dev_test / test, so that every test person is seen in
training. Here the positional cut follows the file numbers, not the archive's member order.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Mapping

from nevis_datasets.toolkit import splits

MIN_IMAGES = 5  # The reference's _MIN_NUM_IMGS: fewer leave no image for one of the splits.
# The last two components of an image's path: `<Name>/<Name>_<NNNN>.jpg`.
_IMAGE = re.compile(r'(?:.*/)?([^/]+)/([^/]+)_(\d{4})\.jpg')

# The 423 people of LFW with at least 5 images, sorted (their folder names); checked against the
# archive at build time. Taken from LFW's list of names with image counts (`lfw-names.txt`: 5,749
# names, 13,233 images; the 423 with 5+ images hold 5,985, the reference's asserted counts).
# LFW-a has the same people and images, and the reference asserts the same counts for it.
CLASS_NAMES = (
    'Abdullah_Gul', 'Adrien_Brody', 'Ahmed_Chalabi', 'Ai_Sugiyama', 'Al_Gore', 'Al_Sharpton',
    'Alan_Greenspan', 'Alastair_Campbell', 'Albert_Costa', 'Alejandro_Toledo', 'Ali_Naimi',
    'Allyson_Felix', 'Alvaro_Uribe', 'Amelia_Vega', 'Amelie_Mauresmo', 'Ana_Guevara', 'Ana_Palacio',
    'Andre_Agassi', 'Andy_Roddick', 'Angela_Bassett', 'Angela_Merkel', 'Angelina_Jolie',
    'Ann_Veneman', 'Anna_Kournikova', 'Antonio_Banderas', 'Antonio_Palocci', 'Ari_Fleischer',
    'Ariel_Sharon', 'Arminio_Fraga', 'Arnold_Schwarzenegger', 'Arnoldo_Aleman', 'Ashanti',
    'Atal_Bihari_Vajpayee', 'Ben_Affleck', 'Benazir_Bhutto', 'Benjamin_Netanyahu', 'Bernard_Law',
    'Bertie_Ahern', 'Bill_Clinton', 'Bill_Frist', 'Bill_Gates', 'Bill_Graham', 'Bill_McBride',
    'Bill_Simon', 'Billy_Crystal', 'Binyamin_Ben-Eliezer', 'Bob_Graham', 'Bob_Hope', 'Bob_Stoops',
    'Boris_Becker', 'Brad_Johnson', 'Britney_Spears', 'Bulent_Ecevit', 'Calista_Flockhart',
    'Cameron_Diaz', 'Carla_Del_Ponte', 'Carlos_Menem', 'Carlos_Moya', 'Carmen_Electra',
    'Carrie-Anne_Moss', 'Catherine_Deneuve', 'Catherine_Zeta-Jones', 'Celine_Dion', 'Cesar_Gaviria',
    'Chanda_Rubin', 'Charles_Moose', 'Charles_Taylor', 'Charlton_Heston', 'Chen_Shui-bian',
    'Choi_Sung-hong', 'Christine_Baumgartner', 'Christine_Todd_Whitman', 'Ciro_Gomes',
    'Clara_Harris', 'Claudia_Pechstein', 'Clay_Aiken', 'Clint_Eastwood', 'Colin_Farrell',
    'Colin_Montgomerie', 'Colin_Powell', 'Condoleezza_Rice', 'Costas_Simitis', 'Cruz_Bustamante',
    'David_Anderson', 'David_Beckham', 'David_Heymann', 'David_Nalbandian', 'David_Trimble',
    'David_Wells', 'Dennis_Hastert', 'Dennis_Kucinich', 'Denzel_Washington', 'Diana_Krall',
    'Dick_Cheney', 'Dominique_de_Villepin', 'Donald_Rumsfeld', 'Edmund_Stoiber',
    'Eduard_Shevardnadze', 'Eduardo_Duhalde', 'Edward_Lu', 'Elizabeth_Hurley', 'Elizabeth_Smart',
    'Elsa_Zylberstein', 'Elton_John', 'Emanuel_Ginobili', 'Emma_Watson', 'Enrique_Bolanos',
    'Erika_Harold', 'Fernando_Gonzalez', 'Fernando_Henrique_Cardoso', 'Fidel_Castro',
    'Frank_Solich', 'Fujio_Cho', 'Gene_Robinson', 'Geoff_Hoon', 'George_Clooney', 'George_HW_Bush',
    'George_Lopez', 'George_Pataki', 'George_Robertson', 'George_W_Bush', 'Gerhard_Schroeder',
    'Gerry_Adams', 'Gil_de_Ferran', 'Gloria_Macapagal_Arroyo', 'Goldie_Hawn',
    'Gonzalo_Sanchez_de_Lozada', 'Gordon_Brown', 'Grant_Hackett', 'Gray_Davis', 'Gregg_Popovich',
    'Guillermo_Coria', 'Gunter_Pleuger', 'Gwyneth_Paltrow', 'Habib_Rizieq', 'Hal_Gehman',
    'Halle_Berry', 'Hamid_Karzai', 'Hans_Blix', 'Harrison_Ford', 'Heidi_Klum', 'Heizo_Takenaka',
    'Hillary_Clinton', 'Hitomi_Soga', 'Holly_Hunter', 'Hosni_Mubarak', 'Howard_Dean', 'Hu_Jintao',
    'Hugh_Grant', 'Hugo_Chavez', 'Ian_Thorpe', 'Igor_Ivanov', 'JK_Rowling', 'Jack_Straw',
    'Jackie_Chan', 'Jacques_Chirac', 'Jacques_Rogge', 'Jake_Gyllenhaal', 'James_Blake',
    'James_Kelly', 'James_Wolfensohn', 'Jan_Ullrich', 'Jason_Kidd', 'Javier_Solana', 'Jay_Garner',
    'Jean-David_Levitte', 'Jean-Pierre_Raffarin', 'Jean_Charest', 'Jean_Chretien', 'Jeb_Bush',
    'Jelena_Dokic', 'Jennifer_Aniston', 'Jennifer_Capriati', 'Jennifer_Garner', 'Jennifer_Lopez',
    'Jeong_Se-hyun', 'Jeremy_Greenstock', 'Jesse_Jackson', 'Jiang_Zemin', 'Jim_Furyk',
    'Jimmy_Carter', 'Jiri_Novak', 'Joan_Laporta', 'Joe_Lieberman', 'John_Abizaid',
    'John_Allen_Muhammad', 'John_Ashcroft', 'John_Bolton', 'John_Edwards', 'John_Howard',
    'John_Kerry', 'John_Manley', 'John_McCain', 'John_Negroponte', 'John_Paul_II', 'John_Snow',
    'John_Stockton', 'John_Travolta', 'Jon_Gruden', 'Jonathan_Edwards', 'Joschka_Fischer',
    'Jose_Manuel_Durao_Barroso', 'Jose_Maria_Aznar', 'Jose_Serra', 'Joseph_Biden',
    'Juan_Carlos_Ferrero', 'Juan_Pablo_Montoya', 'Julianne_Moore', 'Julie_Gerberding',
    'Junichiro_Koizumi', 'Justin_Timberlake', 'Justine_Pasek', 'Kalpana_Chawla', 'Kamal_Kharrazi',
    'Kate_Hudson', 'Keanu_Reeves', 'Kevin_Costner', 'Kevin_Spacey', 'Kim_Clijsters', 'Kim_Dae-jung',
    'Kim_Ryong-sung', 'King_Abdullah_II', 'Kofi_Annan', 'Kristanna_Loken', 'Kurt_Warner',
    'Lance_Armstrong', 'Lance_Bass', 'Larry_Brown', 'Laura_Bush', 'LeBron_James',
    'Leonardo_DiCaprio', 'Leonid_Kuchma', 'Li_Peng', 'Li_Zhaoxing', 'Lindsay_Davenport',
    'Liza_Minnelli', 'Lleyton_Hewitt', 'Lucio_Gutierrez', 'Lucy_Liu', 'Ludivine_Sagnier',
    'Luis_Ernesto_Derbez_Bautista', 'Luis_Gonzalez_Macchi', 'Luis_Horna',
    'Luiz_Inacio_Lula_da_Silva', 'Madonna', 'Mahathir_Mohamad', 'Mahmoud_Abbas', 'Marcelo_Rios',
    'Marco_Antonio_Barrera', 'Maria_Shriver', 'Maria_Soledad_Alvear_Valenzuela', 'Mariah_Carey',
    'Mark_Hurlbert', 'Mark_Philippoussis', 'Martha_Stewart', 'Martin_McGuinness', 'Martin_Scorsese',
    'Martina_McBride', 'Matthew_Perry', 'Megawati_Sukarnoputri', 'Meryl_Streep',
    'Michael_Bloomberg', 'Michael_Chang', 'Michael_Chiklis', 'Michael_Douglas', 'Michael_Jackson',
    'Michael_Phelps', 'Michael_Powell', 'Michael_Schumacher', 'Michelle_Kwan', 'Michelle_Yeoh',
    'Mick_Jagger', 'Mike_Krzyzewski', 'Mike_Martz', 'Mike_Myers', 'Mike_Weir', 'Mireya_Moscoso',
    'Mohamed_ElBaradei', 'Mohammad_Khatami', 'Mohammed_Al-Douri', 'Monica_Seles', 'Muhammad_Ali',
    'Muhammad_Saeed_al-Sahhaf', 'Nadia_Petrova', 'Naji_Sabri', 'Nancy_Pelosi', 'Naomi_Watts',
    'Natalie_Coughlin', 'Natalie_Maines', 'Nestor_Kirchner', 'Nia_Vardalos',
    'Nicanor_Duarte_Frutos', 'Nick_Nolte', 'Nicole_Kidman', 'Norah_Jones', 'Norm_Coleman',
    'Oscar_De_La_Hoya', 'Oswaldo_Paya', 'Pamela_Anderson', 'Paradorn_Srichaphan', 'Paul_Bremer',
    'Paul_Burrell', 'Paul_Martin', 'Paul_McCartney', 'Paul_ONeill', 'Paul_Wolfowitz',
    'Paula_Radcliffe', 'Pedro_Almodovar', 'Pedro_Malan', 'Pervez_Musharraf', 'Pete_Sampras',
    'Peter_Struck', 'Pierce_Brosnan', 'Prince_Charles', 'Princess_Caroline', 'Queen_Elizabeth_II',
    'Queen_Rania', 'Rainer_Schuettler', 'Ralf_Schumacher', 'Ray_Romano', 'Recep_Tayyip_Erdogan',
    'Renee_Zellweger', 'Ricardo_Lagos', 'Ricardo_Sanchez', 'Richard_Armitage', 'Richard_Gephardt',
    'Richard_Gere', 'Richard_Myers', 'Richard_Virenque', 'Rick_Perry', 'Rob_Marshall',
    'Robert_Blake', 'Robert_De_Niro', 'Robert_Duvall', 'Robert_Kocharian', 'Robert_Mueller',
    'Robert_Redford', 'Robert_Zoellick', 'Roger_Federer', 'Roger_Moore', 'Roh_Moo-hyun',
    'Roman_Polanski', 'Romano_Prodi', 'Ron_Dittemore', 'Roy_Moore', 'Rubens_Barrichello',
    'Rudolph_Giuliani', 'Russell_Simmons', 'Saddam_Hussein', 'Salma_Hayek', 'Sarah_Hughes',
    'Sarah_Jessica_Parker', 'Scott_McClellan', 'Scott_Peterson', 'Sean_OKeefe', 'Serena_Williams',
    'Sergei_Ivanov', 'Sergey_Lavrov', 'Sergio_Vieira_De_Mello', 'Sharon_Stone', 'Sheryl_Crow',
    'Shimon_Peres', 'Silvan_Shalom', 'Silvio_Berlusconi', 'Sophia_Loren', 'Sourav_Ganguly',
    'Spencer_Abraham', 'Steffi_Graf', 'Steve_Lavin', 'Steve_Nash', 'Steven_Spielberg',
    'Susan_Sarandon', 'Sylvester_Stallone', 'Taha_Yassin_Ramadan', 'Tang_Jiaxuan', 'Tariq_Aziz',
    'Thabo_Mbeki', 'Thaksin_Shinawatra', 'Thomas_OBrien', 'Tiger_Woods', 'Tim_Henman',
    'Tim_Robbins', 'Tom_Crean', 'Tom_Cruise', 'Tom_Daschle', 'Tom_Hanks', 'Tom_Harkin', 'Tom_Ridge',
    'Tommy_Franks', 'Tommy_Haas', 'Tommy_Thompson', 'Tony_Blair', 'Tony_Stewart', 'Trent_Lott',
    'Tung_Chee-hwa', 'Vaclav_Havel', 'Valentino_Rossi', 'Valery_Giscard_dEstaing',
    'Vanessa_Redgrave', 'Venus_Williams', 'Vicente_Fernandez', 'Vicente_Fox', 'Victoria_Clarke',
    'Vincent_Brooks', 'Vladimir_Putin', 'Vojislav_Kostunica', 'Walter_Mondale', 'Wayne_Ferreira',
    'Wen_Jiabao', 'William_Donaldson', 'William_Ford_Jr', 'William_Macy', 'Winona_Ryder',
    'Woody_Allen', 'Xanana_Gusmao', 'Xavier_Malisse', 'Yao_Ming', 'Yashwant_Sinha', 'Yasser_Arafat',
    'Yoko_Ono', 'Yoriko_Kawaguchi', 'Zhu_Rongji', 'Zinedine_Zidane',
)


def parse_image_path(path: str) -> tuple[str, int]:
  """`'.../<Name>/<Name>_<NNNN>.jpg'` -> (`<Name>`, NNNN), whatever the folders above.

  Raises:
    ValueError: the path does not end in an LFW image name inside its person's folder.
  """
  match = _IMAGE.fullmatch(path)
  if not match or match.group(1) != match.group(2):
    raise ValueError(f'{path!r} is not an LFW image path <Name>/<Name>_<NNNN>.jpg')
  return match.group(1), int(match.group(3))


def positional_split(index: int, count: int) -> str:
  """The split of a subject's `index`-th image (0-based, in number order) of `count` (>= 5).

  The reference's rule: the last two images are test, the one before dev_test, the one before
  that dev, and the rest (at least one) train.
  """
  if index >= count - 2:
    return splits.TEST
  if index == count - 3:
    return splits.DEV_TEST
  if index == count - 4:
    return splits.DEV
  return splits.TRAIN


def _shown(names: list[str]) -> str:
  return f'{names[:5]}{"..." if len(names) > 5 else ""}'


def assign_splits(images: Mapping[str, tuple[str, int]]) -> dict[str, tuple[str, str]]:
  """Key -> (subject, split) for the images of the subjects with `MIN_IMAGES` or more.

  Args:
    images: key -> (subject, image number), e.g. from `parse_image_path`.

  Depends only on the set of images, not on their order: each subject's images are ranked by
  their number.

  Raises:
    ValueError: two images of a subject have the same number, or the kept subjects are not
      CLASS_NAMES.
  """
  by_subject = collections.defaultdict(list)
  for key, (subject, number) in images.items():
    by_subject[subject].append((number, key))
  kept = sorted(s for s, numbered in by_subject.items() if len(numbered) >= MIN_IMAGES)
  if kept != list(CLASS_NAMES):
    missing = sorted(set(CLASS_NAMES) - set(kept))
    unexpected = sorted(set(kept) - set(CLASS_NAMES))
    raise ValueError(
        f'the people with {MIN_IMAGES}+ images are not the {len(CLASS_NAMES)} of LFW '
        f'(missing or with fewer images: {_shown(missing)}; unexpected: {_shown(unexpected)})')
  assignment = {}
  for subject in kept:
    numbered = sorted(by_subject[subject])
    for (number, key), (next_number, other) in zip(numbered, numbered[1:]):
      if number == next_number:
        raise ValueError(f'{key!r} and {other!r} are both image {number:04d} of {subject}')
    for index, (_, key) in enumerate(numbered):
      assignment[key] = (subject, positional_split(index, len(numbered)))
  return assignment
