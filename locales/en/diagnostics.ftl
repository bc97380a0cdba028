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
    .hint = write a whole number alone, without quotes or a unit: `{ $key }: 45`
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
e008-changed = { $file } changed while hoclieu was building the site
    .hint = save your work, wait for the editor or the copy to finish, then build again
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
    .hint = write it as year-month-day: `updated: { $date }`
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
w007-not-an-image = { $file } cannot be read as an image: { $reason }
    .hint = open it in an image editor and save it again (PNG, JPEG, WebP or SVG); pages show it without width and height
    .unknown-format = its content is not PNG, JPEG, GIF, WebP or AVIF
    .damaged = its header is damaged
    .cut-short = the file ends too early
    .no-svg = it has no <svg> element
    .not-xml = it is not valid XML ({ $error })
    .svg-root = its root element is <{ $element }>, not <svg>

## Session plans (S0xx)

s001-no-agenda = this session has no agenda
    .hint = add `agenda:` with steps `- minutes: 10` / `title: …`
s002-not-a-lesson = `{ $lesson }` is not a lesson of `{ $level }`
    .suggest = did you mean `{ $lesson }`?
    .no-lessons = this level has no lessons yet: write one with `hoclieu new lesson`
    .known = lessons of this level: { $lessons }
    .draft = `{ $lesson }` is a draft (`draft: true`): remove that line to publish it, or take it out of this session plan
s003-agenda-minutes = the agenda adds up to { $total } minutes, but `duration` is { $duration } minutes
    .hint = make the steps' `minutes` add up to `duration`, or change `duration`
s004-step-without-quiz = the step `{ $step }` has `quiz: true`, but lesson `{ $lesson }` has no quiz
    .hint = add a ```quiz block to the lesson, or remove `quiz: true`
s004-steps-without-quiz = the step `{ $step }` has `quiz: true`, but its lessons have no quiz
s005-no-material = material `{ $material }` does not exist
    .suggest = did you mean `{ $material }`?
    .known = materials are Markdown files with `kind: handout|letter|poster`, or files (PDF, images) beside the session, as paths relative to it
s006-school-year = `{ $value }` is not a school year
    .hint = e.g. `school_year: 2026-2027`
s010-no-session = level `{ $level }` has no session plan for the school year { $year }
    .hint = the programme holds at least one session per level per school year: add content/{ $level }/buoi-ngoai-khoa-{ $year }.md with `kind: session` (`hoclieu new session { $level }`)

## Quizzes (Q0xx)

q001-question-fields = a question has `q` and, by type: `options` (each `text`, `correct`, `feedback`), `answer` (true-false), `items` (order), `pairs` (match), `accept` (text); optional `type`, `explain`, `image`, `alt`
q002-no-questions = this quiz has no questions
    .hint = add `questions:` with at least one `- q: …`
q003-unknown-type = unknown question type `{ $kind }`
    .suggest = did you mean `type: { $kind }`?
    .known = types are: { $kinds }
q004-no-correct = no option is marked correct
    .hint = add `correct: true` to the right option
q005-one-correct = a `single` question has exactly one correct option, this one has { $count }
    .hint = keep one `correct: true`, or write `type: multiple`
q006-two-options = a `{ $kind }` question needs at least two options, this one has { $count }
    .hint = add options as `- text: …`, and mark the right one(s) with `correct: true`
q007-two-items = an `order` question needs at least two items, this one has { $count }
    .hint = list the steps in the right order: `items: [first, second, third]`
q008-same-option = the option `{ $option }` appears twice
    .hint = each option must be different
q008-same-item = the item `{ $item }` appears twice
    .hint = each item must be different
q008-same-pair = `{ $side }` appears twice in the pairs
    .hint = each side of a pair must be different
q009-no-accepted = a `text` question needs at least one accepted answer
    .hint = add `accept: ["…"]` with every answer you accept
q010-true-false-answer = a `true-false` question needs `answer`
    .hint = add `answer: true` or `answer: false`
q010-two-pairs = a `match` question needs at least two pairs, this one has { $count }
    .hint = write `pairs:` with lines like `- [situation, what to do]`
q011-stray-field = `{ $fields }` does not belong in a `{ $kind }` question
    .hint = remove it, or change `type:` to the type that uses it
q012-pass = `pass: { $value }` is not a percentage
    .hint = write a number from 0 to 100, e.g. `pass: 70`
q013-image-alt = this question's image has no alt text
    .hint = add `alt: …` describing what the image shows, for children who cannot see it
q014-too-many = this question has { $count } { $what }; at most { $max } fit the worksheet's letters A–Z
    .hint = split it into several questions: a child reads a short list more easily too

## Links and images (E020–E025)

e020-missing-page = link to a missing page `{ $dest }`
    .draft = that lesson is a draft (`draft: true`): publish it or build with --drafts
    .suggest = did you mean `{ $page }`?
    .hint = links to lessons are paths to their .md files, relative to this file
e021-outside = `{ $dest }` points outside content/
    .hint = link only to files inside the site
e022-no-static-file = `{ $dest }` names no file under static/
    .page = to link to a page, write the path to its .md file, relative to this file: did you mean `{ $page }`?
    .suggest = did you mean `/{ $file }`? or put the file at static/{ $path } (a path starting with `/` names a file under static/)
    .hint = put the file at static/{ $path }, or fix the path (a path starting with `/` is relative to static/)
e022-no-file = `{ $dest }` names no file (looked for content/{ $target })
    .email = to link to an e-mail address write `mailto:{ $address }`, or put it in angle brackets: `<{ $address }>`
    .page = to link to a page, write the path to its .md file: did you mean `{ $page }`?
    .in-static = the file is in static/: write `/{ $path }` (a path starting with `/` names a file under static/)
    .suggest = did you mean `{ $file }`?
    .suggest-static = did you mean `/{ $file }`? (a path starting with `/` names a file under static/)
    .hint = paths are relative to this Markdown file; a path starting with `/` names a file under static/
e025-backslash = the file name `{ $file }` contains a backslash `\`
    .hint = rename it without `\`, e.g. `{ $file }`

## Markdown (E024, E030, W020–W022)

e024-no-alt = this image has no alt text
    .hint = describe the image in the brackets: `![Bàn tay với năm ngón](x.svg)`; for a purely decorative image write `![](x.svg "decorative")`
e030-closes-nothing = this `:::` closes nothing
    .hint = remove it, or open a block above with e.g. `::: tip`
e030-unknown-block = unknown block `::: { $name }`
    .suggest = did you mean `::: { $name }`?
    .known = blocks are: { $names }
e030-never-closed = `::: { $name }` is never closed
    .hint = add a line `:::` where the block ends
e030-in-open-code = `{ $line }` is inside a code block that is never closed, so the page shows it as code
    .hint = close the code block above with a line of three backticks ``` where the code ends
q001-unreadable = this quiz could not be read
w020-private-use = this page has the private-use character U+F8FE or U+F8FF; it is shown as �
    .hint = these characters have no meaning in Vietnamese or English text; delete them
w021-second-h1 = a second `#` heading (h1) on this page
    .hint = a page has one main heading (the first is on line { $line }): make this one `##`, and the headings under it one level deeper
w022-skipped-level = this heading skips a level: h{ $had } is followed by h{ $level }
    .hint = make it `{ $hashes }` (h{ $want }), or add the h{ $want } heading it belongs under: screen readers list headings by level

## Links refused and HTML cleaned (E026, W010, W011)

e026-refused-address = a `{ $scheme }:` address is not allowed: `{ $address }`
    .hint = links and images may point to lessons, files of the site, or web pages (https://…); a script or data address could harm a reader
w010-heading-attribute = removed the attribute `{ $attribute }` of the heading
    .hint = a heading may have an id, classes and `aria-`/`data-` attributes: `## Title {"{"}#id .class{"}"}`
w010-removed =
    .hint = raw HTML is cleaned so that nothing on a page can run code or lead a child to another site: write it in Markdown, or see `trusted_html` in docs/authoring.md
w010-removed-with-content = removed `<{ $tag }>` and its content from the raw HTML
w010-removed-tag = removed the tag `<{ $tag }>` from the raw HTML
w010-removed-tag-kept-text = removed the tag `<{ $tag }>` from the raw HTML (its text is kept)
w010-removed-attribute = removed the attribute `{ $attribute }` of `<{ $tag }>` from the raw HTML
w010-removed-address = removed `{ $attribute }="{ $value }"` of `<{ $tag }>` from the raw HTML: only relative, http(s), mailto and tel addresses are kept
w011-html-in-field = HTML in `{ $key }` is shown as text: `{ $html }`
    .hint = fields in YAML are plain text with Markdown (**bold**, *italic*, [links](…)); write the formatting in Markdown

## Configuration and front-matter fences (E001–E003, E010, E011, W012)

e001-no-config = cannot read { $file }: { $error }
    .hint = run hoclieu in a folder that has a { $file }, pass --root DIR, or create a site with `hoclieu init`
e003-no-title = the site needs a title
e003-language = language must be `vi` or `en`
    .hint = these are the languages the theme has UI strings for (themes/default/i18n/)
e003-school-year = `{ $value }` is not a school year
    .hint = write two consecutive years, e.g. `school_year: 2026-2027`
e003-phone = help line `{ $name }` has no digits in its phone number
    .hint = write the number as people dial it, e.g. `phone: "111"`
e003-help-page = `{ $page }` is not a page of this site
    .hint = write the page's path from the site root, e.g. `help_page: tro-giup/index.html`
e003-frameworks-file = cannot read the frameworks file `{ $file }`: { $error }
    .hint = `frameworks:` names a YAML file relative to the site folder, e.g. `frameworks: data/nang-luc.yaml`
e003-competence-twice = the competence code `{ $code }` is declared twice
    .hint = each code must be unique across all frameworks
e010-no-front-matter = this file has no front matter
    .hint = start the file with a line `---`, then `title: …`, then another line `---`
e011-not-closed = the front matter is not closed
    .hint = add a line `---` after the last front-matter field
w012-trusted-html = `trusted_html: true`: raw HTML in lessons is published without cleaning
    .hint = any author can then put scripts, or links that take children to another site, on a page: remove the line unless every author of this site is trusted

## Anchors, templates, sample text, images from elsewhere (E023, E09x, W005, W006, W013)

e023-no-heading = `{ $page }` has no heading `#{ $anchor }`
    .suggest = did you mean `#{ $anchor }`?
    .no-headings = that page has no headings to link to
    .known = its headings are: { $anchors }
e090-strings = the theme's UI strings for `{ $language }` are broken: { $error }
e092-template-error = a template has an error: { $error }
    .hint = templates are Tera 2 (Jinja-like); fix the template named above, or remove it to use the theme's own
e093-no-quiz = { $file } has no quiz { $number }
e093-template-failed = template `{ $name }` failed: { $error }
    .hint = if you override this template in templates/, compare it with the theme's (docs/theme.md lists what templates receive)
e092-in-template = `{ $file }` has an error: { $error }
    .hint = templates are Tera 2 (Jinja-like); fix the template at this line, or delete the file to use the theme's own (`hoclieu theme eject NAME` copies the theme's to start from)
    .suggest = did you mean `{ $name }`? templates are Tera 2 (Jinja-like); fix the template at this line, or delete the file to use the theme's own (`hoclieu theme eject NAME` copies the theme's to start from)
e092-never-closed = `{ $tag }` in `{ $file }` is never closed
    .hint = add `{"{"}% end{ $keyword } %{"}"}` where the block should end: { $stopped }
    .stopped-by = on line { $line }, `{ $tag }` comes while it is still open
    .file-ends = the file ends while it is still open
e093-in-template = `{ $file }` failed: { $error }
    .hint = templates are Tera 2 (Jinja-like); fix the template at this line, or delete the file to use the theme's own (`hoclieu theme eject NAME` copies the theme's to start from)
e093-no-context = the context of template `{ $template }` could not be made: { $error }
w005-sample-text = this page still has sample text from `hoclieu new`: "{ $text }"{ $more ->
        [0] {""}
       *[other] {" "}(and { $more } more)
    }
    .hint = replace the sample text with your own, or keep `draft: true` until the page is ready
w006-unused-template = `templates/{ $name }` replaces no template of the theme, and no template uses it
    .suggest = did you mean `templates/{ $template }`? a file here replaces the theme's template of the same name
    .known = a file here replaces the theme's template of the same name: { $templates }; `hoclieu theme eject <name>` copies one out to start from
w013-image-elsewhere = this image is loaded from another site: `{ $url }`
    .hint = the page's security policy blocks it, and loading it would tell that site a child opened the lesson: save the image in the site (e.g. static/images/) and use that path

## Writing the site, init and new (E050–E055, commands)

e050-not-ours = { $folder } exists and was not made by hoclieu: refusing to replace it
    .hint = choose another output folder with --out DIR, or move that folder away; hoclieu never deletes folders it did not create
e051-work-not-ours = { $folder } exists and was not made by hoclieu
    .hint = hoclieu builds into that folder before swapping it in; move it away
e052-same-path = two pages want to be written to `{ $path }`
    .hint = a file under static/ or content/ has the same path as a page; rename one
e052-clash = `{ $file }` would be written where { $taken ->
        [theme] the theme's file
       *[other] the page
    } `{ $path }` is
    .hint = one would replace the other in the built site: rename or move your file (e.g. into a folder of its own)
    .theme = one would replace the other in the built site: rename or move your file. To change the theme's look, write your rules in static/custom.css: every page loads it after the theme's stylesheet (docs/theme.md)
e053-cannot-write = cannot write { $path }: { $error }
    .hint = check that the disk has room and that you may write to the output folder
e055-out-inside = the output folder { $folder } is inside the site's { $dir }/
    .hint = { $dir }/ is read by every build, so the site would be copied into itself: choose an output folder outside content/, static/, data/ and templates/, e.g. the default `public`
e056-unreadable-body = the body of { $file } could not be read back from the build's temporary file: { $error }
    .hint = a large site's pages wait in a temporary file between reading and writing; the disk it is on (the system's temporary folder) may be full or failing. Nothing was written: free some space or set TMPDIR to another disk, then build again
problem-cannot-write = cannot write { $path }: { $error }
    .hint = check that the folder exists and that you may write to it
problem-cannot-read-folder = check the folder's name and permissions
problem-no-config = there is no { $file } in { $folder }
    .hint = run this inside a site folder, pass --root DIR, or create a site with `hoclieu init`
problem-exists = { $path } already exists
    .hint = choose another name; hoclieu never overwrites a file
init-is-a-file = { $path } is a file, not a folder
    .hint = choose a folder name for the new site, e.g. `hoclieu init truong-em`
init-not-empty = { $path } is not empty
    .hint = choose a new folder (`hoclieu init truong-em`), or add only the missing files with `hoclieu init { $path } --force` (it never changes or deletes a file)
new-no-level = there is no level `{ $level }` in content/
    .no-levels = this site has no levels yet: make one with { $command }
    .suggest = did you mean `{ $level }`? the levels are: { $levels }; or make a new level with { $command }
    .known = the levels are: { $levels }; to add this one, make it with { $command }
new-lesson-spec = `{ $spec }` does not name a level and a lesson
    .hint = write the level folder, a slash and the lesson's file name: `hoclieu new lesson tieu-hoc/mat-khau-manh`
new-bad-file-name = `{ $name }` cannot be a file name
    .hint = use letters, digits and `-`, e.g. `tieu-hoc/mat-khau-manh`
new-bad-folder-name = `{ $name }` cannot be a folder name
    .hint = use letters, digits and `-`, e.g. `hoclieu new level thcs`
new-level-exists = the level `{ $level }` already exists
    .hint = add a lesson to it with `hoclieu new lesson { $level }/<name>`
new-session-exists = this level already has a session plan for this school year: edit that file, or change `school_year` in hoclieu.yaml first

## theme eject, serve, build --zip, schema

eject-no-template = the theme has no template `{ $template }`
    .suggest = did you mean `{ $template }`? the templates are: { $templates }
    .known = the templates are: { $templates }
eject-exists = it already replaces the theme's template: edit it, or delete it to go back to the theme's
serve-cannot-open = cannot open the site folder { $folder }: { $error }
    .hint = pass the folder that holds hoclieu.yaml with --root DIR
serve-cannot-start = cannot start the server: { $error }
serve-cannot-watch = cannot start watching for changes: { $error }
serve-cannot-listen = cannot listen on { $address }: { $error }
    .bind = check the --bind address
    .port = another program may be using port { $port }: try `hoclieu serve --port { $next }`
watch-cannot = cannot watch { $folder } for changes: { $error }
    .hint = on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files
zip-no-site = { $folder } holds no built site
    .hint = build the site first: `hoclieu build --zip site.zip` builds and packs it in one go
zip-inside = { $zip } is inside the site folder { $folder }
    .hint = write the archive somewhere else, e.g. `--zip hoc-lieu.zip` beside the site folder
schema-no-site = run this inside a site folder, pass --root DIR, or say where to write the schemas with --out DIR
schema-cannot-create = cannot create { $folder }: { $error }
    .hint = choose another folder with --out DIR
schema-cannot-make = cannot write the schema { $name }: { $error }

## The command line: what build and check say at the end

cli-built = Built { $pages } pages, { $lessons ->
        [one] 1 lesson
       *[other] { $lessons } lessons
    } in { $seconds } s → { $out } ({ $changed } files changed)
cli-open = Open { $index } in a browser, or serve the folder with any web server.
cli-build-failed = Build failed: { $summary }. { $out } was left as it was.
cli-checked = Checked { $pages } pages, { $lessons ->
        [one] 1 lesson
       *[other] { $lessons } lessons
    }: { $summary }.
cli-check-failed = Check failed: { $summary }.
cli-sessions-this-year = Sessions this school year:
cli-ready = ready
cli-missing = missing
cli-session-size = { $minutes } min, { $lessons ->
        [one] 1 lesson
       *[other] { $lessons } lessons
    }
cli-no-session = no session plan

## What commands print (serve, init, new, theme eject, docs)

serve-serving = Serving the site at { $url } (Ctrl+C to stop). Pages reload by themselves when you save.
serve-on-network = warning: serving on { $address }: other devices on the network can open this preview. Use --bind 127.0.0.1 to keep it on this computer.
serve-built = Built { $pages } pages in { $ms } ms ({ $files ->
        [one] 1 file
       *[other] { $files } files
    } changed)
serve-rebuilt =
    .saved = Rebuilt in { $ms } ms ({ $files ->
        [one] 1 file
       *[other] { $files } files
    } changed) after saving { $file }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
    .removed = Rebuilt in { $ms } ms ({ $files ->
        [one] 1 file
       *[other] { $files } files
    } changed) after removing { $file }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
serve-build-failed =
    .last-good = Build failed: { $summary }; still serving the last good build; open pages show the errors. Fix and save to rebuild.
    .no-build = Build failed: { $summary }; open pages list the errors. Fix and save to rebuild.
serve-no-browser = warning: could not open a browser ({ $error }); open { $url } yourself.
check-external-links = Links to other sites ({ $count }), for a teacher to review (is each one right for children?):
init-created = created  { $file }
init-kept = kept     { $file } (already there, left unchanged)
init-ready = A new site is ready in { $folder }. Next:
init-next =
    {"  "}hoclieu serve          preview it at http://127.0.0.1:1111/ while you edit
    {"  "}hoclieu new lesson tieu-hoc/<name>   add a lesson
    {"  "}hoclieu check          check every page before you publish
    {"  "}hoclieu build --zip hoc-lieu.zip      one archive to publish or copy (`hoclieu docs deploy`)
init-base-url =
    When you publish the site at an address, set base_url in hoclieu.yaml: only then is a sitemap.xml
    (the page list for search engines) written. Without it the site works anywhere, from a USB stick too.
new-created = Created { $file }
    .comments = Every field has a comment explaining it; `hoclieu serve` previews the page as you edit.
eject-created =
    {"  "}It now replaces the theme's own: edit it, and `hoclieu serve` shows the change on save.
    {"  "}Delete it to go back to the theme's. The theme's templates are described in `hoclieu docs theme`.
docs-no-guide = there is no guide `{ $guide }`
    .suggest = did you mean `{ $guide }`? the guides are: { $guides }
    .known = the guides are: { $guides }
schema-written = Wrote { $count } JSON Schemas into { $folder }. `hoclieu docs editors` says how to use them in VS Code.
zip-packed = Packed { $files } files ({ $mb } MB) into { $zip }: unzipped, it is the folder { $folder }/ — open { $folder }/index.html, or upload the folder's contents to any web host.

## What new says after writing a file

new-note-file-name = The file is named { $slug }.md: addresses use lowercase letters without diacritics and `-` between words.
new-note-folder-name = The folder is named { $slug }: addresses use lowercase letters without diacritics and `-` between words.
new-note-lesson-title = Give the lesson its title on the `title:` line (or pass --title next time).
new-note-level-title = Give the level its name on the `title:` line (or pass --title next time).
new-note-draft = It is a draft (`draft: true`): preview it with `hoclieu serve --drafts`; when it is ready, set `draft: false` to publish it.
new-note-lesson-number =
    .session = It is lesson { $order } of `{ $level }`. Once it is published, add `{ $slug }` to `lessons:` in { $session } to teach it in the session.
    .no-session = It is lesson { $order } of `{ $level }`. Plan the session that teaches it with `hoclieu new session { $level }`.
new-note-level-next = Next: write its first lesson with `hoclieu new lesson { $slug }/<name>`, then plan this school year's session with `hoclieu new session { $slug }`.
new-note-agenda = The sample agenda adds up to { $duration } minutes; keep `duration` equal to the sum of the steps.
new-note-no-lessons = `{ $level }` has no lessons yet: add some with `hoclieu new lesson { $level }/<name>`.

## Waiting for the output folder; theme list

output-waiting = Waiting for another hoclieu build into { $folder } to finish…
theme-list-replaced = (replaced by templates/{ $name })
