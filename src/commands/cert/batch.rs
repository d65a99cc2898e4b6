//! `vauth cert issue --batch FILE`: many certificates in one process, one vault unlock, one
//! state write and one audit line; all or nothing. A bad line is reported with its number and
//! nothing from the batch is recorded or left on disk.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::files::Planned;

use super::{Ctx, IssuedReport, leaf_not_after, parse_sans};
use crate::audit::AuditEvent;
use crate::cli::cert::IssueArgs;
use crate::commands::read_input;
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::fsutil::precheck_user_files;
use crate::lifecycle::certs::{KeySource, ca_of, check_cn, issue_one, leaf_window, load_issuer};
use crate::output::{Report, Ui};
use crate::pki::{LeafSpec, Profile, San};
use crate::store::OpenMode;
use crate::store::state::pki::CertRecord;

/// The most lines one batch takes.
const MAX_LINES: usize = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonLine {
    name: String,
    #[serde(default)]
    cn: Option<String>,
    #[serde(default)]
    sans: Option<Sans>,
    #[serde(default)]
    profile: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Sans {
    List(Vec<String>),
    Text(String),
}

/// One parsed line.
struct Line {
    no: usize,
    name: String,
    cn: String,
    sans: Vec<San>,
    profile: Profile,
}

fn split_sans(s: &str) -> Vec<String> {
    s.split([';', ' ', '|'])
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_line(no: usize, text: &str) -> std::result::Result<Line, String> {
    let (name, cn, sans, profile) = if text.starts_with('{') {
        let j: JsonLine =
            serde_json::from_str(text).map_err(|e| format!("not a valid JSON line: {e}"))?;
        let sans = match j.sans {
            None => vec![],
            Some(Sans::List(v)) => v,
            Some(Sans::Text(t)) => split_sans(&t),
        };
        (j.name, j.cn, sans, j.profile)
    } else {
        let cols: Vec<&str> = text.split(',').map(str::trim).collect();
        if cols.len() > 4 {
            return Err(format!(
                "{} CSV columns; at most 4 (name,cn,sans,profile)",
                cols.len()
            ));
        }
        let get = |i: usize| cols.get(i).filter(|s| !s.is_empty()).map(|s| s.to_string());
        (
            cols[0].to_string(),
            get(1),
            get(2).map(|s| split_sans(&s)).unwrap_or_default(),
            get(3),
        )
    };
    let name = crate::cli::parse_name(&name)?;
    let profile = match profile.as_deref() {
        None | Some("client") => Profile::Client,
        Some("server") => Profile::Server,
        Some(p) => return Err(format!("profile {p:?} is not client or server")),
    };
    let cn = cn.unwrap_or_else(|| name.clone());
    check_cn(&cn).map_err(|e| e.message().to_string())?;
    let mut sans = parse_sans(&sans).map_err(|e| e.message().to_string())?;
    if profile == Profile::Server
        && sans.is_empty()
        && let Ok(d) = San::parse(&format!("dns:{cn}"))
    {
        sans.push(d);
    }
    Ok(Line {
        no,
        name,
        cn,
        sans,
        profile,
    })
}

/// Parse the batch file: every error names its line.
fn parse_batch(text: &str) -> Result<Vec<Line>> {
    let mut out: Vec<Line> = Vec::new();
    // name -> its line number: one lookup per line, not a scan of the lines before it.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if no == 1
            && t.replace(' ', "")
                .eq_ignore_ascii_case("name,cn,sans,profile")
        {
            continue;
        }
        let line = parse_line(no, t).map_err(|m| {
            Error::usage(format!("batch line {no}: {m}"))
                .hint("fix that line; nothing from the batch was issued")
        })?;
        if let Some(prev) = seen.insert(line.name.clone(), no) {
            return Err(Error::usage(format!(
                "batch line {no}: the name {:?} is already on line {prev}",
                line.name
            ))
            .hint("give every certificate its own name; nothing was issued"));
        }
        out.push(line);
        if out.len() > MAX_LINES {
            return Err(
                Error::usage(format!("the batch has more than {MAX_LINES} lines"))
                    .hint("split it into several files"),
            );
        }
    }
    if out.is_empty() {
        return Err(Error::usage("the batch file has no certificates")
            .hint("one JSON object or CSV row (name,cn,sans,profile) per line"));
    }
    Ok(out)
}

/// Run `vauth cert issue --batch FILE`.
pub(super) fn run(ctx: &Ctx<'_>, args: &IssueArgs) -> Result<Outcome> {
    let Some(batch) = args.batch.as_deref() else {
        return Err(Error::bug("batch::run without --batch"));
    };
    let now = ctx.now;
    let bytes = read_input_large(batch)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::input(format!("{} is not UTF-8 text", batch.display())))?;
    let lines = parse_batch(&text)?;
    let kspec = args.key.spec()?;
    let dir = args.files.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let not_after = leaf_not_after(args.not_after, now);

    let mut s = ctx.open(OpenMode::Write)?;
    let ca = ca_of(&s)?.clone();
    for l in &lines {
        if s.state.certs.contains_key(&l.name)? && !args.replace {
            return Err(Error::new(
                ErrorKind::Exists,
                format!(
                    "batch line {}: a certificate named {:?} already exists",
                    l.no, l.name
                ),
            )
            .hint("renew it with `vauth cert renew`, or pass --replace; nothing was issued"));
        }
    }
    let (nb, na, capped) = leaf_window(&ca, now, not_after)?;
    if capped {
        ctx.ui.warn("--not-after capped at the issuing CA's end");
    }
    let mut paths: Vec<PathBuf> = Vec::with_capacity(lines.len() * 3);
    for l in &lines {
        for ext in ["crt", "key"] {
            paths.push(dir.join(format!("{}.{ext}", l.name)));
        }
    }
    let chain_path = dir.join("ca.crt");
    paths.push(chain_path.clone());
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    precheck_user_files(&refs, args.files.force)?;
    let issuer = load_issuer(&mut s)?;

    let bar = progress(ctx, lines.len() as u64);
    let mut issued = Vec::with_capacity(lines.len());
    let mut files: Vec<Planned> = Vec::with_capacity(lines.len() * 2 + 1);
    let chain_suffix: String = ca.chain_pems().concat();
    for l in &lines {
        let spec = LeafSpec {
            cn: l.cn.clone(),
            sans: l.sans.clone(),
            profile: l.profile,
            not_before: nb,
            not_after: na,
        };
        let mut nc =
            issue_one(&ca, &issuer, &spec, KeySource::Generate(kspec), now).map_err(|e| {
                Error::new(e.kind(), format!("batch line {}: {}", l.no, e.message())).hint(
                    e.hint_text()
                        .unwrap_or("nothing from the batch was issued")
                        .to_string(),
                )
            })?;
        let key = nc
            .key_pem
            .take()
            .ok_or_else(|| Error::bug("no key for a generated certificate"))?;
        if args.keep_key {
            nc.record.key_kept = true;
            s.vault()?
                .put(&nc.record.vault_entry(&l.name), key.clone())?;
        }
        let mut cert_pem = nc.record.pem.clone();
        cert_pem.push_str(&chain_suffix);
        files.push(Planned {
            path: dir.join(format!("{}.crt", l.name)),
            bytes: Zeroizing::new(cert_pem.into_bytes()),
            mode: 0o644,
            kind: "cert",
        });
        files.push(Planned {
            path: dir.join(format!("{}.key", l.name)),
            bytes: Zeroizing::new(key.as_bytes().to_vec()),
            mode: 0o600,
            kind: "key",
        });
        issued.push((l, nc.record));
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    let mut chain = String::new();
    if let Some(i) = &ca.intermediate {
        chain.push_str(&i.pem);
    }
    chain.push_str(&ca.root.pem);
    files.push(Planned {
        path: chain_path,
        bytes: Zeroizing::new(chain.into_bytes()),
        mode: 0o644,
        kind: "chain",
    });
    // Files first (undone on any failure, the commit's included), then one state write + one
    // audit line. No per-file fsync: 3 files per certificate would cost 3 fsyncs each; each
    // directory is synced once.
    let written = super::files::write(&files, args.files.force, false).map_err(|e| {
        let hint = e.hint_text().map(str::to_string);
        let msg = e.message().to_string();
        Error::new(e.kind(), msg).hint(format!(
            "nothing from the batch was recorded; {}",
            hint.unwrap_or_default()
        ))
    })?;
    for (l, rec) in &issued {
        let entry = s.state.certs.get_or_insert_with(&l.name, || CertRecord {
            name: l.name.clone(),
            profile: l.profile,
            issued: vec![],
        })?;
        entry.profile = l.profile;
        entry.issued.push(rec.clone());
    }
    s.commit(
        AuditEvent::new("cert.issue_batch")
            .detail("count", issued.len().to_string())
            .detail("first", issued.first().map_or("", |(l, _)| l.name.as_str()))
            .detail("last", issued.last().map_or("", |(l, _)| l.name.as_str())),
    )?;
    written.keep();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let report = Batch {
        certs: issued
            .iter()
            .enumerate()
            .map(|(i, (l, rec))| {
                IssuedReport::new(&l.name, l.profile, &ca, rec, &files[i * 2..i * 2 + 2])
            })
            .collect(),
        dir: dir.display().to_string(),
    };
    ctx.ui.report(&report)?;
    Ok(Outcome::Ok)
}

/// What `cert issue --batch` reports: every new certificate; for people, one summary line.
#[derive(Serialize)]
struct Batch<'a> {
    certs: Vec<IssuedReport<'a>>,
    #[serde(skip)]
    dir: String,
}

impl Report for Batch<'_> {
    /// One JSON object per certificate (JSON lines).
    fn json(&self, ui: &Ui) -> Result<()> {
        for c in &self.certs {
            ui.out_json(c)?;
        }
        Ok(())
    }

    fn human(&self, ui: &Ui) -> Result<()> {
        ui.note(&format!(
            "Issued {} certificates into {} (NAME.crt, NAME.key; CA chain in ca.crt).",
            self.certs.len(),
            self.dir
        ));
        Ok(())
    }
}

fn read_input_large(p: &Path) -> Result<Vec<u8>> {
    if p.as_os_str() == "-" {
        return read_input(p, "batch file", "pass a single batch file");
    }
    crate::fsutil::read_limited(p, 64 << 20).map_err(|e| {
        Error::input(format!(
            "cannot read the batch file {}: {}",
            p.display(),
            crate::error::io_reason(&e)
        ))
        .hint("check the path and its permissions")
    })
}

fn progress(ctx: &Ctx<'_>, n: u64) -> Option<indicatif::ProgressBar> {
    if ctx.ui.json || ctx.ui.quiet || n < 50 || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(n);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} certificates {eta}")
    {
        b.set_style(style);
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_errors_name_the_line() {
        let ok = parse_batch(
            "name,cn,sans,profile\n# c\n\napp1,,dns:a.x;ip:10.0.0.1,client\n{\"name\":\"db\",\"sans\":[\"dns:db.x\"],\"profile\":\"server\"}\napp2\n",
        )
        .unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[0].cn, "app1");
        assert_eq!(ok[0].sans.len(), 2);
        assert_eq!(ok[1].profile, Profile::Server);
        let e = parse_batch("a\nb,,dns:-bad\n").err().unwrap();
        assert!(e.message().starts_with("batch line 2:"), "{}", e.message());
        let e = parse_batch("a\n{\"name\":\"x\",\"bogus\":1}\n")
            .err()
            .unwrap();
        assert!(e.message().contains("line 2"));
        let e = parse_batch("a\na\n").err().unwrap();
        assert!(e.message().contains("line 1"));
        assert!(parse_batch("\n#\n").is_err());
        assert!(parse_batch("a,b,c,weird\n").is_err());
    }
}
