//! The message catalogue: every diagnostic's text in Vietnamese and in English.
//!
//! A message is made where the problem is found as an id and named arguments ([`Text`], written with
//! [`msg!`]), and turned into words only when it is shown, in the language of the output
//! ([`language`]). Configuration errors are found before the site's language is known, and `serve`
//! shows the same diagnostics in the terminal and in the browser, so the words cannot be fixed earlier.
//!
//! The texts are Project Fluent files, one per language, in `locales/<lang>/diagnostics.ftl`, built
//! into the program. An id is the diagnostic's code and a few words (`e012-level-folder`); a hint is an
//! attribute of its message (`e012-level-folder.hint`) or a message of its own. The test
//! `catalogue_matches_the_source` fails when an id used in the source is missing from a file, when the two
//! files' arguments differ from what the source passes, or when a catalogue entry is used nowhere.

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

const VI: &str = include_str!("../../locales/vi/diagnostics.ftl");
const EN: &str = include_str!("../../locales/en/diagnostics.ftl");

/// The language diagnostics are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `vi`, `vi-VN`… are Vietnamese; any other language gets English.
    pub fn from_code(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code == "vi" || code.starts_with("vi-") || code.starts_with("vi_") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }
}

/// The language of this process's output, set once by the command line (English until then, so tests
/// that make diagnostics in-process read English).
static LANGUAGE: AtomicU8 = AtomicU8::new(0);

pub fn set_language(lang: Lang) {
    LANGUAGE.store(lang as u8, Ordering::Relaxed);
}

pub fn language() -> Lang {
    match LANGUAGE.load(Ordering::Relaxed) {
        1 => Lang::Vi,
        _ => Lang::En,
    }
}

/// A text that is not words yet: a catalogue id and its arguments, or words that need no translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Shown as it is in every language (a message not in the catalogue yet, or a tool's own text).
    Plain(String),
    /// `id` or `id.attribute` in the catalogue, with named arguments.
    Msg { id: &'static str, args: Vec<(&'static str, Arg)> },
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    /// A count or a number: Fluent chooses plural forms by it.
    Num(i64),
    /// A phrase that is translated too (e.g. "front matter" / "phần đầu bài").
    Text(Box<Text>),
}

impl Text {
    pub fn msg(id: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
        Text::Msg { id, args }
    }

    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Msg { id, args } => format(lang, id, args),
        }
    }
}

impl fmt::Display for Text {
    /// In the output's language ([`language`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Plain(s.clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(Box::new(t))
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::Num(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(u8, u16, u32, u64, usize, i32, i64);

/// A catalogue message: `msg!("e012-level-folder", dir = dir)`, or `msg!("e012-level-folder.hint", slug = s)`
/// for an attribute. Argument values are anything with `Into<Arg>`: text, whole numbers, or another
/// `msg!` (translated too). Use a plain name for each argument (the test reads them from the source).
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::diagnostics::Text::msg($id, vec![$((stringify!($name), $crate::diagnostics::Arg::from($value))),*])
    };
}
// Named by path, `msg!` (or `use crate::diagnostics::msg;`), like any item.
pub(crate) use msg;

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let (code, source) = match lang {
        Lang::Vi => ("vi", VI),
        Lang::En => ("en", EN),
    };
    let id = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // No Unicode isolation marks (U+2068/U+2069) around arguments: they show as boxes in terminals.
    bundle.set_use_isolating(false);
    // A syntax error in a catalogue is caught by the tests; what parsed is still used.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

thread_local! {
    // Bundles are not `Sync`; a thread makes its own the first time it shows a message.
    static BUNDLES: [FluentBundle<FluentResource>; 2] = [bundle(Lang::En), bundle(Lang::Vi)];
}

fn format(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value: FluentValue = match value {
            Arg::Str(s) => s.clone().into(),
            Arg::Num(n) => (*n).into(),
            Arg::Text(t) => t.render(lang).into(),
        };
        fluent_args.set(*name, value);
    }
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    BUNDLES.with(|bundles| {
        let bundle = &bundles[lang as usize];
        let pattern = bundle.get_message(message_id).and_then(|m| match attribute {
            Some(a) => m.get_attribute(a).map(|a| a.value()),
            None => m.value(),
        });
        match pattern {
            Some(p) => {
                let mut errors = Vec::new();
                bundle.format_pattern(p, Some(&fluent_args), &mut errors).into_owned()
            }
            // Only a bug can get here (the catalogue test checks every id); show the id, not nothing.
            None => id.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn languages_by_code() {
        assert_eq!(Lang::from_code("vi"), Lang::Vi);
        assert_eq!(Lang::from_code("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::En);
    }

    #[test]
    fn renders_both_languages_without_isolation_marks() {
        let t = msg!("e012-level-folder", dir = "Trung học cơ sở");
        let vi = t.render(Lang::Vi);
        let en = t.render(Lang::En);
        assert!(vi.contains("Trung học cơ sở") && vi.contains("thư mục"), "{vi}");
        assert!(en.contains("Trung học cơ sở") && en.contains("folder"), "{en}");
        assert!(!vi.contains('\u{2068}') && !en.contains('\u{2069}'), "{vi:?} {en:?}");
        let hint = msg!("e012-level-folder.hint", slug = "trung-hoc-co-so").render(Lang::Vi);
        assert!(hint.contains("`trung-hoc-co-so`"), "{hint}");
    }

    /// Every `(id or id.attribute) → variables` of one catalogue.
    fn catalogue(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        use fluent_syntax::ast;
        fn vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
            for e in &p.elements {
                if let ast::PatternElement::Placeable { expression } = e {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        vars(&v.value, out);
                    }
                }
                ast::Expression::Inline(i) => inline(i, out),
            }
        }
        fn inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match i {
                ast::InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, out),
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    for a in &arguments.positional {
                        inline(a, out);
                    }
                }
                _ => {}
            }
        }
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
        let mut map = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                if let Some(v) = &m.value {
                    let mut set = BTreeSet::new();
                    vars(v, &mut set);
                    map.insert(m.id.name.to_string(), set);
                }
                for a in &m.attributes {
                    let mut set = BTreeSet::new();
                    vars(&a.value, &mut set);
                    map.insert(format!("{}.{}", m.id.name, a.id.name), set);
                }
            }
        }
        map
    }

    /// Every `msg!("id", a = …, b = …)` in src/: id → argument names (one entry per call).
    fn used() -> Vec<(String, String, BTreeSet<String>)> {
        let mut out = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let name = entry.path().display().to_string();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("msg!(") {
                // Examples in comments are not uses.
                let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
                let in_comment = rest[line_start..i].trim_start().starts_with("//");
                // After `(`, the id's literal (rustfmt may put it on the next line).
                rest = rest[i + 5..].trim_start();
                if in_comment || !rest.starts_with('"') {
                    continue;
                }
                let call = macro_body(rest);
                let (id, args) = parse_call(call);
                if !id.contains('$') && !name.ends_with("catalogue.rs") {
                    out.push((name.clone(), id, args));
                }
            }
        }
        out
    }

    /// The text between `(` (already passed) and its matching `)`, skipping string literals.
    fn macro_body(s: &str) -> &str {
        let mut depth = 1;
        let mut in_str = false;
        let mut escaped = false;
        for (i, c) in s.char_indices() {
            if in_str {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return &s[..i];
                    }
                }
                _ => {}
            }
        }
        s
    }

    /// `"id", a = x, b = f(y, z)` → ("id", {a, b}).
    fn parse_call(call: &str) -> (String, BTreeSet<String>) {
        let id = call[1..].split('"').next().unwrap_or("").to_string();
        let mut args = BTreeSet::new();
        let mut depth = 0;
        let mut in_str = false;
        let mut escaped = false;
        let mut start = 0;
        let mut parts = Vec::new();
        for (i, c) in call.char_indices() {
            if in_str {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&call[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&call[start..]);
        for p in parts.iter().skip(1) {
            if let Some((name, _)) = p.split_once('=') {
                let name = name.trim();
                if !name.is_empty() {
                    args.insert(name.to_string());
                }
            }
        }
        (id, args)
    }

    #[test]
    fn catalogue_matches_the_source() {
        let vi = catalogue(VI);
        let en = catalogue(EN);
        let mut problems = Vec::new();
        for (id, vars) in &vi {
            match en.get(id) {
                None => problems.push(format!("`{id}` is in the Vietnamese catalogue only")),
                Some(e) if e != vars => {
                    problems.push(format!("`{id}` has arguments {vars:?} in Vietnamese but {e:?} in English"))
                }
                Some(_) => {}
            }
        }
        for id in en.keys().filter(|id| !vi.contains_key(*id)) {
            problems.push(format!("`{id}` is in the English catalogue only"));
        }
        let used = used();
        assert!(used.len() > 20, "the source scan found too few messages: {used:?}");
        let mut used_ids = BTreeSet::new();
        for (file, id, args) in &used {
            used_ids.insert(id.clone());
            match (vi.get(id), en.get(id)) {
                (Some(v), Some(_)) if v != args => {
                    problems.push(format!("{file}: `{id}` is given {args:?}, the catalogue uses {v:?}"))
                }
                (None, _) | (_, None) => problems.push(format!("{file}: `{id}` is not in both catalogues")),
                _ => {}
            }
        }
        for id in vi.keys().chain(en.keys()) {
            // A message whose only use is through its attributes (`x.hint`) may have no value of its own.
            if !used_ids.contains(id) {
                problems.push(format!("`{id}` is in a catalogue but no code uses it"));
            }
        }
        problems.sort();
        problems.dedup();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// A diagnostic, hint or command error made from a plain string would show English in both languages:
    /// every one is in the catalogue (tests, after `#[cfg(test)]`, may use plain words). Texts quoted from
    /// elsewhere (Tera's, the system's) are passed as arguments of a catalogue message.
    #[test]
    fn no_diagnostic_is_made_from_a_plain_string() {
        let mut found = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for call in ["Diagnostic::error(", "Diagnostic::warning(", "Problem::new(", ".hint("] {
                for (at, _) in text.match_indices(call) {
                    let mut rest = text[at + call.len()..].trim_start();
                    if call.starts_with("Diagnostic") {
                        // After the code (a literal or a name).
                        rest = rest.split_once(',').map_or("", |(_, r)| r.trim_start());
                    }
                    if rest.starts_with("format!") || rest.starts_with('"') {
                        let line = text[..at].lines().count();
                        found.push(format!("{}:{line}: {call}{}", entry.path().display(), &rest[..rest.len().min(40)]));
                    }
                }
            }
        }
        assert!(found.is_empty(), "plain strings instead of catalogue messages:\n{}", found.join("\n"));
    }

    #[test]
    fn catalogues_parse_without_errors() {
        for source in [VI, EN] {
            assert!(FluentResource::try_new(source.to_string()).is_ok());
        }
    }
}
