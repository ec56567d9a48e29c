"""Animals with Attributes 2 (AwA2): animal photos labelled with their class's 85 attributes."""
