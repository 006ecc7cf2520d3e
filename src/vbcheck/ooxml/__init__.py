"""The .docx wing (Office Open XML): everything vbcheck knows about WordprocessingML packages,
behind one inner API.

- `package`: open a package within the limits, read a part (`open_package`, `read_part`,
  `refuse_dtd_parts`);
- `xml`: the one safe XML parse (`parse_xml`) and the WordprocessingML names (`W`, `W_`, tags);
- `props`: a run's, a paragraph's and a section's direct properties as plain dicts;
- `walk`: the walk that turns a package into the document model (`read_document`,
  `ParagraphWalker`, which also hands back the XML behind each paragraph for writers);
- `styles`: the formatting Word shows, resolved through styles, defaults and the theme
  (`styles.of(document)`).

The reader plugin, the formatting checks and the writers (annotated and fixed copies) use these
names; nothing outside this package reaches into its private ones.
"""
