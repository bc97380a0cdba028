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

## Content folders and front matter (content/)

e004-no-content = there is no content/ folder in { $folder }
    .hint = lessons live in content/<level>/<lesson>.md; `hoclieu init` creates a starting site
e005-cannot-read = cannot read { $file }: { $error }
e006-no-home = content/_index.md is missing: the site needs a home page
    .hint = create content/_index.md with `---`, `title: …`, `---` and a short introduction
e007-not-utf8 = { $file } is not UTF-8 text
    .hint = save the file as UTF-8 (every modern editor offers it under "Save as" or "Encoding")
e009-link-nowhere = { $file } is a link that leads nowhere: { $error }
    .hint = delete the link, or put the file itself in its place
e009-link-outside = { $file } is a link to { $target }, outside the site folder
    .hint = copy the file into the site folder instead: a site is built only from its own files
e009-link-folder = { $file } is a link to a folder, which hoclieu does not follow
    .hint = move or copy the folder's files into the site's folders themselves
e012-file-name = the file name `{ $name }` is not a plain slug
    .hint = rename it to `{ $slug }.md` (lowercase, no diacritics, `-` between words): it becomes the page's address
e013-no-level = `{ $file }` is in a folder without `_index.md`
    .hint = lessons belong to a level: add content/{ $dir }/_index.md with `title:` and `order:`, or move the file into a level folder
e014-too-deep = { $file } is nested too deep
    .hint = lessons go directly in a level folder: content/<level>/<lesson>.md
e015-empty-title = the title is empty
    .hint = write what the page is called: `title: Mật khẩu là bí mật`
e016-grades-range = `grades` must be a range `[first, last]`
    .hint = e.g. `grades: { $example }`
e016-ages-range = `ages` must be a range `[youngest, oldest]`
    .hint = e.g. `ages: [11, 15]`
e017-zero-minutes = `duration` is 0 minutes
    .hint = write the lesson's length in minutes, e.g. `duration: 35`
e018-not-a-date = `updated: { $value }` is not a date
    .hint = write it as year-month-day: `updated: 2026-11-28`
e019-reserved = `{ $slug }` is a name the site already uses
    .hint = rename it; these names are reserved: { $names }
e040-same-order = two { $what }s have `order: { $order }`
    .hint = { $other } has the same order; give each { $what } its own number
e041-same-address = two pages in `{ $level }` have the address `{ $slug }`
    .hint = { $other } makes the same address; rename one of the files
e042-grades-outside = the lesson's grades { $grades } are outside its level's grades [{ $low }, { $high }]
    .hint = a lesson is for some of its level's grades
e043-unknown-kind = unknown kind `{ $kind }`
    .suggest = did you mean `kind: { $kind }`?
    .known = kinds are: { $kinds }
e044-unknown-competence = unknown competence `{ $code }`
    .suggest = did you mean `{ $code }`?
    .known = competence codes are declared in the frameworks named by `frameworks:` in hoclieu.yaml
w001-no-objectives = `{ $title }` has no objectives
    .hint = add `objectives:` to the front matter: what children will be able to do after the lesson
w002-no-quiz = `{ $title }` has no quiz
    .hint = a short ```quiz block lets children check what they learned, also on paper
w003-no-session = no session plan uses `{ $lesson }`
    .hint = list it in `lessons:` of a session plan in content/{ $level }/, or ignore this if it is for self-study
w004-large-image = { $file } is { $kb } KB
    .hint = images over 500 KB are slow on school connections and phones: resize it (e.g. 1200 px wide) or save it as JPEG/WebP
