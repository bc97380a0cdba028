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

## YAML (front matter, quiz blocks, hoclieu.yaml): where it is, and serde_yaml's errors in plain words

where-front-matter = in the front matter
where-level-front-matter = in the level's front matter
where-lesson-front-matter = in the lesson's front matter
where-session-front-matter = in the session's front matter
where-material-front-matter = in the material's front matter
where-quiz = in this quiz
where-config = in the site configuration
where-frameworks = in the frameworks file

yaml-unknown-field = { $place }: unknown field `{ $field }`
    .suggest = did you mean `{ $field }`?
    .known = known fields are: { $fields }
yaml-unknown-value = { $place }: `{ $key }: { $value }` is not one of the values hoclieu knows
    .suggest = did you mean `{ $key }: { $value }`?
    .known = write one of: { $values }
yaml-missing-field = { $place }: the field `{ $field }` is missing
    .hint = add a line `{ $field }: …`
yaml-duplicate-key = { $place }: `{ $key }` is written twice
    .hint = keep one line `{ $key }: …` and delete the other
yaml-tab = { $place }: this line starts with a tab; YAML is indented with spaces only
    .hint = replace the tab with spaces (two per level, like the lines around it); an editor's "convert indentation to spaces" does it for the whole file
yaml-expected-minutes = { $place }: `{ $key }` is a number of minutes, e.g. 45, not `{ $value }`
    .hint = write the number alone, without quotes or a unit: `{ $key }: 45`
yaml-expected-number = { $place }: `{ $key }` needs a whole number, not `{ $value }`
    .hint = write a whole number without quotes, e.g. `{ $key }: 35`
yaml-expected-list = { $place }: `{ $key }` needs a list, not `{ $value }`
    .hint = write a list, e.g. `{ $key }: [a, b]`, or one `- item` per line under `{ $key }:`
yaml-expected-yes-no = { $place }: `{ $key }` is `true` or `false`, not `{ $value }`
    .hint = write `{ $key }: true` or `{ $key }: false`, without quotes
yaml-expected-text = { $place }: `{ $key }` needs text, not `{ $value }`
    .hint = put the text in quotes if it looks like a number or a list: `{ $key }: "…"`
yaml-expected-fields = { $place }: `{ $key }` needs fields below it, each on its own line
    .hint = write the fields under it, indented by two spaces: `name: …`
yaml-colon-in-value = { $place }: a value contains `: `, which YAML reads as the start of another field
    .hint = put the whole text in quotes, e.g. `{ $key }: "Mật khẩu: bí mật của em"`
yaml-indentation = { $place }: the lines are not lined up as YAML expects
    .hint = check the indentation: fields of the same thing start in the same column, each `- ` item of a list too; put text containing `: ` or starting with `[`, `{"{"}`, `*` or `#` in quotes
yaml-unclosed-quote = { $place }: a quote `"` is opened but never closed
    .hint = close the quote at the end of the text, or write the text without quotes
yaml-other = { $place }: { $problem }
    .hint = check the line shown and the one above it: indentation with spaces, quotes around text that has `: ` or `#`
