## Results tables and figures: titles, headings, labels and notes named by the analysis crate
## (analysis::study). Keys start with results-.
