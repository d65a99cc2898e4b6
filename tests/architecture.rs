//! The layering of ARCHITECTURE.md, checked on the source: a module imports only modules of its
//! own layer or below, the top-level modules form no cycle, a verb under `src/commands/<noun>/`
//! never imports another noun's module, and no source file grows past the size limit.
//! Comments (and so doc links) are ignored; `use` lines and paths in code are not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, bottom first. A module may import its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &["error", "env", "timefmt", "testpoints"],
    &["secret", "prompt", "fsutil", "net"],
    &["apikey", "jwt", "pki", "audit"],
    &["config", "remote", "hook"],
    &["store"],
    &["policy"],
    &["lifecycle"],
    &["output", "cli"],
    &["commands"],
];

/// Files allowed past [`MAX_LINES`] (counted without their `#[cfg(test)]` module), and why.
const LONG_FILES: &[(&str, &str)] = &[];

/// The size limit of a source file (code and docs, not its unit tests).
const MAX_LINES: usize = 600;

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments and without its `#[cfg(test)]` module (a crude but sufficient
/// cut: vauth puts the test module last in a file).
fn code_of(text: &str) -> String {
    let body = text
        .split("\n#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or(text);
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        // A trailing comment; `//` inside a string literal (URLs) is kept, which only errs
        // toward reporting an import that is not one, never toward missing one.
        let code = match line.find(" // ") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// `src/a/b.rs` → (`a`, Some(`b`)); `src/a.rs` → (`a`, None).
fn module_of(src: &Path, file: &Path) -> (String, Option<String>) {
    let rel = file.strip_prefix(src).unwrap();
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let second = parts
        .get(1)
        .filter(|s| s.as_str() != "mod")
        .map(ToString::to_string);
    (parts[0].clone(), second)
}

/// The top-level modules `code` names as `crate::X`, and (for commands) the `crate::commands::Y`
/// modules it names.
fn imports(code: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut top = BTreeSet::new();
    let mut nouns = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `$crate::` or an identifier ending in `crate`
        }
        let rest = &code[i + "crate::".len()..];
        let m = word(rest);
        if m == "commands" {
            let r = &rest["commands::".len().min(rest.len())..];
            let n = word(r);
            // A module of commands (lowercase, followed by `::`), not an item such as `Ctx`.
            if !n.is_empty()
                && n.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && r[n.len()..].starts_with("::")
            {
                nouns.insert(n);
            }
        }
        if !m.is_empty() {
            top.insert(m);
        }
    }
    (top, nouns)
}

#[test]
fn layers_hold_and_top_level_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let (module, second) = module_of(&src, f);
        if module == "main" || module == "lib" {
            continue;
        }
        let Some(mine) = rank(&module) else {
            problems.push(format!(
                "src/{}: module `{module}` is in no layer of tests/architecture.rs (add it, and to ARCHITECTURE.md)",
                f.strip_prefix(&src).unwrap().display()
            ));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        let f = &Path::new("src").join(f.strip_prefix(&src).unwrap());
        let (top, nouns) = imports(&code);
        for m in &top {
            if *m == module {
                continue;
            }
            graph.entry(module.clone()).or_default().insert(m.clone());
            match rank(m) {
                Some(r) if r <= mine => {}
                Some(_) => problems.push(format!(
                    "{}: `{module}` (layer {mine}) imports `{m}`, a layer above it",
                    f.display()
                )),
                None => {}
            }
        }
        if module == "commands"
            && let Some(noun) = &second
        {
            for n in nouns.iter().filter(|n| *n != noun) {
                problems.push(format!(
                    "{}: commands::{noun} imports commands::{n}; what verbs share belongs in lifecycle/",
                    f.display()
                ));
            }
            if code.contains("super::super::") {
                // `super::super::X` from commands/<noun>/<verb>.rs names the commands root: only
                // its items (Ctx, report_verdict), which `imports` cannot see; check them here.
                for (i, _) in code.match_indices("super::super::") {
                    let r = &code[i + "super::super::".len()..];
                    let n: String = r
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if n != *noun && r[n.len()..].starts_with("::") && n != "super" {
                        problems.push(format!(
                            "{}: commands::{noun} reaches commands::{n} through super::super",
                            f.display()
                        ));
                    }
                }
            }
        }
    }
    // No cycle among top-level modules (same-layer imports are allowed, loops are not).
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut c = stack[i..].to_vec();
            c.push(n.to_string());
            cycles.push(c.join(" -> "));
            return;
        }
        if !done.insert(n.to_string()) {
            return;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            visit(m, g, stack, done, cycles);
        }
        stack.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    for c in cycles {
        problems.push(format!("import cycle between top-level modules: {c}"));
    }
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md's rules are broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_source_file_is_a_god_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let body = text
            .split("\n#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or(&text);
        let n = body.lines().count();
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().to_string();
        if n > MAX_LINES && !LONG_FILES.iter().any(|(p, _)| *p == rel) {
            long.push(format!("src/{rel}: {n} lines"));
        }
    }
    long.sort();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (without unit tests); split them along their seams:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_imports_and_ignores_comments() {
    let code = code_of(
        "//! see [`crate::commands::key`]\nuse crate::store::Session;\n/// [`crate::output`]\nfn f() { crate::commands::target::find(); let x = 1; // crate::cli\n}\n",
    );
    let (top, nouns) = imports(&code);
    assert_eq!(
        top.into_iter().collect::<Vec<_>>(),
        ["commands", "store"],
        "{code}"
    );
    assert_eq!(nouns.into_iter().collect::<Vec<_>>(), ["target"]);
    let (_, nouns) =
        imports("use crate::commands::Ctx;\nuse crate::commands::{Ctx, report_verdict};");
    assert!(nouns.is_empty(), "items of the commands root are not nouns");
}
