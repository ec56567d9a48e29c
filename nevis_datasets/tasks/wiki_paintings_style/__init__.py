"""WikiArt (ArtGAN's refined Wikipaintings): paintings labelled with their style."""
