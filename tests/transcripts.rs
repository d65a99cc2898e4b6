//! The words are the tests: every ```sh block of README.md and docs/*.md runs literally, as a
//! user would paste it — in a fresh working directory, under a fresh default home, with `vauth`
//! on PATH and relative paths — and its exit codes and output (secrets, ids and times redacted)
//! must equal the committed transcript in tests/transcripts/. A block that changes without its
//! transcript, a transcript without its block, or a different result fails;
//! `VAUTH_BLESS=1 cargo test --all-features transcripts` rewrites them for review.
//!
//! Every command must exit 0, unless its own comment names the exit codes it documents (`# exit
//! 0 / 1 + reason`). A block that cannot run here says why in a comment just above it, which is
//! also the reader's warning:
//! - `<!-- transcript: skip: REASON -->` runs nothing (a server that is not on this machine);
//! - `<!-- transcript: not-run CMD[, CMD]: REASON -->` runs the block without the commands whose
//!   first word is CMD (`psql`, `gh`), recording them as not run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One fenced ```sh block.
struct Block {
    /// `readme-quickstart-1`: the document, the heading, the ordinal under it.
    id: String,
    /// The logical commands (continuation lines joined), comments kept.
    commands: Vec<String>,
    skip: Option<String>,
    not_run: Vec<String>,
    not_run_why: String,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(40)
        .collect::<String>()
}

fn blocks_of(doc: &str, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut heading = String::from("top");
    let mut n_under = 0;
    let mut directive: Option<String> = None;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if let Some(h) = line.strip_prefix('#').filter(|_| !line.starts_with("#!")) {
            heading = slug(h.trim_start_matches('#'));
            n_under = 0;
            directive = None;
            continue;
        }
        if let Some(d) = t
            .strip_prefix("<!-- transcript:")
            .and_then(|d| d.strip_suffix("-->"))
        {
            directive = Some(d.trim().to_string());
            continue;
        }
        if t.starts_with("```") && t.trim_start_matches('`').trim() == "sh" {
            let indent = line.len() - t.len();
            let mut raw = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                raw.push(l.get(indent..).unwrap_or(l.trim_start()).to_string());
            }
            let mut commands = Vec::new();
            let mut cur = String::new();
            for l in raw {
                if !cur.is_empty() {
                    cur.push('\n');
                }
                cur.push_str(&l);
                if l.ends_with('\\') {
                    continue;
                }
                let c = std::mem::take(&mut cur);
                let body = c.trim();
                if !body.is_empty() && !body.starts_with('#') {
                    commands.push(c);
                }
            }
            n_under += 1;
            let (mut skip, mut not_run, mut not_run_why) = (None, Vec::new(), String::new());
            if let Some(d) = directive.take() {
                if let Some(r) = d.strip_prefix("skip:") {
                    skip = Some(r.trim().to_string());
                } else if let Some(r) = d.strip_prefix("not-run") {
                    let (cmds, why) = r.split_once(':').expect("not-run CMD: REASON");
                    not_run = cmds.split(',').map(|c| c.trim().to_string()).collect();
                    not_run_why = why.trim().to_string();
                } else {
                    panic!("{doc}: unknown transcript directive {d:?}");
                }
            }
            out.push(Block {
                id: format!("{doc}-{heading}-{n_under}"),
                commands,
                skip,
                not_run,
                not_run_why,
            });
        } else if t.starts_with("```") {
            // Another language (toml, yaml, text): skip it whole, `#` lines included.
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
            }
            directive = None;
        } else if !t.is_empty() && !t.starts_with("<!--") {
            directive = None;
        }
    }
    out
}

/// The exit codes a command's own comment documents (`# exit 0 / 1 + reason`), else just 0.
fn allowed_codes(cmd: &str) -> Vec<i32> {
    let comment = cmd.rsplit_once(" # ").map(|(_, c)| c).unwrap_or("");
    if !comment.contains("exit") {
        return vec![0];
    }
    let after = &comment[comment.find("exit").unwrap_or(0)..];
    let codes: Vec<i32> = after
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .filter(|c| *c < 256)
        .collect();
    if codes.is_empty() { vec![0] } else { codes }
}

/// The random ids a home holds (key ids, kids, serials, fingerprints, the home id and the
/// prefixes vauth shows of them): replaced literally, whatever characters they happen to have.
fn ids_of(home: &Path) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if let (true, Some(s)) = (
                        matches!(
                            k.as_str(),
                            "home_id" | "id" | "kid" | "serial" | "fingerprint" | "sha256"
                        ),
                        v.as_str(),
                    ) {
                        out.push(s.to_string());
                        for n in [8, 16] {
                            if s.len() > n {
                                out.push(s[..n].to_string());
                            }
                        }
                    } else {
                        walk(v, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    // state.json and its buckets (API keys, certificates, the id index).
    let buckets = std::fs::read_dir(home.join("buckets"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"));
    for f in std::iter::once(home.join("state.json")).chain(buckets) {
        if let Ok(t) = std::fs::read_to_string(&f)
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&t)
        {
            walk(&v, &mut out);
            // The id index maps ids (its keys) to names.
            if f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("i-"))
                && let Some(m) = v.as_object()
            {
                out.extend(m.keys().cloned());
            }
        }
    }
    out.retain(|s| s.len() >= 8);
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// Secrets, ids, times and paths vary between runs: replace them with stable markers.
fn redact(text: &str, tmp: &Path) -> String {
    redact_ids(text, tmp, &[])
}

fn redact_ids(text: &str, tmp: &Path, ids: &[String]) -> String {
    let mut s = text.replace(&tmp.display().to_string(), "[TMP]");
    for id in ids {
        s = s.replace(id.as_str(), "[ID]");
    }
    // Tokens: API keys, JWTs, PEM bodies, RFC 3339 times, long ids.
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut l = String::new();
        for word in split_keep(line) {
            l.push_str(&redact_word(&word));
        }
        // Column widths follow the redacted values: compare words, not alignment.
        let squeezed = l.split_whitespace().collect::<Vec<_>>().join(" ");
        // "in 0s" and "1s ago" are the same instant a second apart.
        let squeezed = squeezed
            .replace("in [AGE]", "[WHEN]")
            .replace("[AGE] ago", "[WHEN]");
        out.push_str(&squeezed);
        out.push('\n');
    }
    s = out;
    s
}

/// Split into runs of token characters and runs of everything else.
fn split_keep(line: &str) -> Vec<String> {
    let tok = |c: char| c.is_ascii_alphanumeric() || "_-.:+/=".contains(c);
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_tok = None;
    for c in line.chars() {
        let t = tok(c);
        if in_tok != Some(t) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        in_tok = Some(t);
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn redact_word(w: &str) -> String {
    if w.starts_with("vk_") && w.len() > 40 {
        return "[KEY]".into();
    }
    if w.starts_with("eyJ") && w.matches('.').count() == 2 {
        return "[JWT]".into();
    }
    // 2026-12-06T04:05:13Z and friends (maybe with trailing punctuation).
    let b = w.as_bytes();
    if b.len() >= 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' {
        let end = w.find('Z').map_or(w.len(), |i| i + 1).min(w.len());
        return format!("[TIME]{}", &w[end..]);
    }
    // Durations that depend on when the command ran (ages, "in 29d 23h").
    if w.len() <= 4
        && w.ends_with(['s', 'm'])
        && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !w[..w.len() - 1].is_empty()
    {
        return "[AGE]".into();
    }
    // Unix times (token claims).
    if w.len() >= 9 && w.chars().all(|c| c.is_ascii_digit()) {
        return "[NUM]".into();
    }
    // Random base64url (jti, thumbprints): long, both cases, whatever digits it happens to have.
    if w.len() >= 16
        && w.chars().any(|c| c.is_ascii_lowercase())
        && w.chars().any(|c| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return "[ID]".into();
    }
    // Ids, serials, fingerprints, thumbprints, base64: long runs mixing letters and digits.
    for part in w.split([':', '/', '=']) {
        let long = part.len() >= 8
            && part.chars().any(|c| c.is_ascii_digit())
            && part.chars().any(|c| c.is_ascii_alphabetic())
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '+');
        if long {
            return w.replace(part, "[ID]");
        }
    }
    w.to_string()
}

fn run_block(b: &Block, bin_dir: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    for d in ["work", "h", "d", "c"] {
        std::fs::create_dir_all(t.join(d)).unwrap();
    }
    let work = t.join("work");
    let mut transcript = String::new();
    let mut script = String::from("set +e\n");
    let mut ran = Vec::new();
    for (i, c) in b.commands.iter().enumerate() {
        let first = c.split_whitespace().next().unwrap_or("");
        if b.not_run.iter().any(|n| n == first) {
            continue;
        }
        std::fs::write(t.join(format!("cmd.{i}")), c).unwrap();
        let _ = writeln!(
            script,
            "{{ eval \"$(cat '{dir}/cmd.{i}')\"; }} >'{dir}/out.{i}' 2>'{dir}/err.{i}' </dev/null; echo $? >'{dir}/rc.{i}'",
            dir = t.display()
        );
        ran.push(i);
    }
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display());
    let status = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&work)
        .env_clear()
        .env("PATH", path)
        .env("HOME", t.join("h"))
        .env("XDG_DATA_HOME", t.join("d"))
        .env("XDG_CONFIG_HOME", t.join("c"))
        .env("USER", "tester")
        .env("LANG", "C.UTF-8")
        .env("TERM", "dumb")
        .status()
        .unwrap();
    assert!(status.success(), "{}: the block's shell failed", b.id);
    let ids = ids_of(&t.join("d/vauth"));
    for (i, c) in b.commands.iter().enumerate() {
        let _ = writeln!(transcript, "$ {c}");
        if !ran.contains(&i) {
            let _ = writeln!(transcript, "(not run: {})", b.not_run_why);
            continue;
        }
        let rd = |n: &str| std::fs::read_to_string(t.join(format!("{n}.{i}"))).unwrap_or_default();
        let rc: i32 = rd("rc").trim().parse().unwrap_or(-1);
        let allowed = allowed_codes(c);
        assert!(
            allowed.contains(&rc),
            "{}: `{c}` exited {rc} (documented: {allowed:?})\n--- stdout\n{}\n--- stderr\n{}",
            b.id,
            rd("out"),
            rd("err")
        );
        let _ = writeln!(transcript, "? {rc}");
        let (out, err) = (
            redact_ids(&rd("out"), t, &ids),
            redact_ids(&rd("err"), t, &ids),
        );
        if !out.is_empty() {
            let _ = write!(transcript, "{out}");
        }
        if !err.is_empty() {
            let _ = writeln!(transcript, "[stderr]");
            let _ = write!(transcript, "{err}");
        }
    }
    transcript
}

fn docs() -> Vec<(String, String)> {
    let mut out = vec![(
        "readme".to_string(),
        std::fs::read_to_string(root().join("README.md")).unwrap(),
    )];
    let mut names: Vec<_> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    for p in names {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((slug(&stem), std::fs::read_to_string(&p).unwrap()));
    }
    out
}

#[test]
fn every_documented_command_block_runs_as_written() {
    let bless = std::env::var_os("VAUTH_BLESS").is_some();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_vauth"));
    let bin_dir = bin.parent().unwrap().to_path_buf();
    let dir = root().join("tests/transcripts");
    let mut want = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for (doc, text) in docs() {
        for b in blocks_of(&doc, &text) {
            let file = dir.join(format!("{}.txt", b.id));
            want.insert(file.clone());
            let got = match &b.skip {
                Some(why) => {
                    let mut t = String::new();
                    for c in &b.commands {
                        let _ = writeln!(t, "$ {c}");
                    }
                    let _ = writeln!(t, "(not run: {why})");
                    t
                }
                None => run_block(&b, &bin_dir),
            };
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&file, &got).unwrap();
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(have) if have == got => {}
                Ok(have) => failures.push(format!(
                    "{}: differs from {}\n--- committed\n{have}--- now\n{got}",
                    b.id,
                    file.display()
                )),
                Err(_) => failures.push(format!("{}: no transcript {}", b.id, file.display())),
            }
        }
    }
    if !bless {
        for e in std::fs::read_dir(&dir).into_iter().flatten() {
            let p = e.unwrap().path();
            if !want.contains(&p) {
                failures.push(format!("{} has no block in the docs any more", p.display()));
            }
        }
    } else {
        for e in std::fs::read_dir(&dir).into_iter().flatten() {
            let p = e.unwrap().path();
            if !want.contains(&p) {
                std::fs::remove_file(p).unwrap();
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nA doc block and its transcript must change together: review, then \
         VAUTH_BLESS=1 cargo test --all-features transcripts",
        failures.join("\n\n")
    );
}

#[test]
fn the_harness_redacts_what_varies_and_keeps_what_matters() {
    let t = Path::new("/tmp/x");
    assert_eq!(
        redact(
            "Wrote app v1 to /tmp/x/work/app.key at 2026-12-06T04:05:13Z.",
            t
        ),
        "Wrote app v1 to [TMP]/work/app.key at [TIME].\n"
    );
    assert_eq!(
        redact("app  JiqS1YN4  1  active  3s", t),
        "app [ID] 1 active [AGE]\n"
    );
    assert_eq!(
        allowed_codes("vauth key verify < k   # exit 0 valid, 1 invalid"),
        vec![0, 1]
    );
    assert_eq!(allowed_codes("vauth status"), vec![0]);
    let b = blocks_of(
        "t",
        "# Quick start\n<!-- transcript: not-run psql: no server -->\n```sh\nvauth a \\\n  --b\n# c\npsql x\n```\n",
    );
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].id, "t-quick-start-1");
    assert_eq!(b[0].commands, vec!["vauth a \\\n  --b", "psql x"]);
    assert_eq!(b[0].not_run, vec!["psql"]);
}
