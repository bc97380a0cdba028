# hoclieu's diagnostics in English. Every id here has its twin in ../vi/diagnostics.ftl, with the same
# arguments; the test `catalogue_matches_the_source` (src/diagnostics/catalogue.rs) checks both files
# against the source. How to add a message: docs/architecture.md, "A new diagnostic".

## Labels of the report

label-error = error:
label-hint = hint:
label-in-file = in { $file }
summary-counts = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }

## Content folders (E0xx)

e012-level-folder = the level folder `{ $dir }` is not a plain slug
    .hint = rename the folder to `{ $slug }` (lowercase, no diacritics, `-` between words)
