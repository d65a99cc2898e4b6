//! `vauth cert …`: one module per verb, plus what they share: the CA lookup, the signing core
//! (issue, batch and renew all go through `issue_one`), output files planned before anything
//! is signed and written all-or-nothing, and PKCS#12 passwords.

mod batch;
mod export;
mod inspect;
mod issue;
mod list;
pub(crate) mod renew;
mod revoke;
mod verify;

use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::cert::{CertCommand, FilesOut, ProfileArg};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::lifecycle::certs::NewCert;
use crate::pki::{self, KeySpec, PkiError, Profile, San};
use crate::store::state::pki::{CaRecord, IssuedCert};
use crate::timefmt::rfc3339;

/// Run `vauth cert …`.
pub fn run(ctx: &Ctx<'_>, cmd: &CertCommand) -> Result<Outcome> {
    match cmd {
        CertCommand::Issue(a) if a.batch.is_some() => batch::run(ctx, a),
        CertCommand::Issue(a) => issue::run(ctx, a),
        CertCommand::List(a) => list::run(ctx, a),
        CertCommand::Inspect(a) => inspect::run(ctx, a),
        CertCommand::Verify(a) => verify::run(ctx, a),
        CertCommand::Revoke(a) => revoke::run(ctx, a),
        CertCommand::Renew(a) => renew::run(ctx, a),
        CertCommand::Export(a) => export::run(ctx, a),
    }
}

/// The error for an unknown certificate name.
pub(crate) fn unknown(name: &str) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!("no certificate named {name:?}"),
    )
    .hint("see `vauth cert list` for the names in this home")
}

/// A domain error as a usage error (exit 2).
pub(crate) fn usage_err(e: PkiError, hint: &str) -> Error {
    Error::usage(e.0).hint(hint)
}

/// Read an input file (`-` = stdin), at most 1 MiB; unreadable is exit 3.
pub(crate) fn read_input(path: &Path, what: &str) -> Result<Vec<u8>> {
    let buf = read_presented(path, what)?;
    if buf.len() as u64 > pki::MAX_PEM_BYTES {
        return Err(Error::input(format!(
            "the {what} {} is larger than 1 MiB",
            path.display()
        ))
        .hint(format!("pass a single {what}")));
    }
    Ok(buf)
}

/// Read something presented for a verdict (`cert verify`): at most 1 MiB + 1 byte, so the caller
/// can answer "larger than 1 MiB" as an invalid input (exit 1). Unreadable is exit 3.
pub(crate) fn read_presented(path: &Path, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    let max = pki::MAX_PEM_BYTES;
    let r = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(max + 1).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut buf))
    };
    r.map_err(|e| {
        Error::input(format!(
            "cannot read the {what} {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
        .hint("check the path and its permissions")
    })?;
    Ok(buf)
}

/// Resolve `--kty/--crv/--size`.
pub(crate) fn key_spec(a: &crate::cli::ca::KeyTypeArgs) -> Result<KeySpec> {
    KeySpec::resolve(a.kty.as_deref(), a.crv.as_deref(), a.size).map_err(|e| {
        usage_err(
            e,
            "use --kty EC --crv P-256|P-384, --kty OKP, or --kty RSA --size 2048|3072|4096",
        )
    })
}

/// The profile flag as a domain value.
pub(crate) fn profile(p: ProfileArg) -> Profile {
    match p {
        ProfileArg::Client => Profile::Client,
        ProfileArg::Server => Profile::Server,
    }
}

/// Parse `--san` values.
pub(crate) fn parse_sans(v: &[String]) -> Result<Vec<San>> {
    let mut out: Vec<San> = Vec::new();
    for s in v {
        let san = San::parse(s)
            .map_err(|e| usage_err(e, "write SANs as dns:NAME, ip:ADDR, email:ADDR or uri:URI"))?;
        if !out.contains(&san) {
            out.push(san);
        }
    }
    Ok(out)
}

/// One file to write.
pub(crate) struct Planned {
    /// Where.
    pub path: PathBuf,
    /// What (zeroized: may be a key).
    pub bytes: Zeroizing<Vec<u8>>,
    /// Mode.
    pub mode: u32,
    /// What it is, for reports (`cert`, `key`, `chain`, `p12`).
    pub kind: &'static str,
}

/// Check that every planned path can be written: refuse existing files without `force` (before
/// anything is signed or recorded), and paths whose directory cannot be made.
pub(crate) fn precheck(paths: &[&Path], force: bool) -> Result<()> {
    for (i, p) in paths.iter().enumerate() {
        if paths[..i].contains(p) {
            return Err(Error::usage(format!("{} is named twice", p.display()))
                .hint("give each output its own file"));
        }
        crate::fsutil::precheck_user_file(p, force)?;
    }
    Ok(())
}

/// Write every planned file, or none: on a failure the files written so far are removed. Each
/// file appears whole (temp file + rename, never overwriting without `force`; missing
/// directories are created 0700); the directories are synced once at the end instead of an
/// fsync per file (the certificate is recorded in state.json, durably, only after this returns).
pub(crate) fn write_all(files: &[Planned], force: bool) -> Result<()> {
    write_files(files, force, true)
}

/// [`write_all`], with or without an fsync of each file (bulk writers skip it).
pub(crate) fn write_files(files: &[Planned], force: bool, fsync: bool) -> Result<()> {
    let mut done: Vec<&Path> = Vec::new();
    let undo = |done: &[&Path]| {
        for p in done {
            let _ = std::fs::remove_file(p);
        }
    };
    for f in files {
        if let Err(e) = crate::fsutil::write_new(&f.path, &f.bytes, f.mode, force, fsync) {
            undo(&done);
            return Err(e);
        }
        done.push(&f.path);
    }
    let mut dirs: Vec<&Path> = files
        .iter()
        .map(|f| crate::fsutil::parent_dir(&f.path))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        if let Err(e) = crate::fsutil::sync_dir(d) {
            undo(&done);
            return Err(Error::io("sync", d, &e));
        }
    }
    Ok(())
}

/// Read the PKCS#12 password: `--p12-password-file`, `--p12-password-env`, or a prompt.
pub(crate) fn p12_password(
    ctx: &Ctx<'_>,
    src: &crate::cli::cert::P12Password,
) -> Result<Zeroizing<String>> {
    let (file, env) = (src.file.as_deref(), src.env.as_deref());
    let pw = if let Some(f) = file {
        let raw = crate::secret::read_secret_line(
            f,
            4096,
            "PKCS#12 password",
            "PKCS#12 password",
            "--p12-password-file FILE or --p12-password-env NAME",
        )?;
        Zeroizing::new(raw.lines().next().unwrap_or("").to_string())
    } else if let Some(name) = env {
        Zeroizing::new(crate::env::get(name).ok_or_else(|| {
            Error::input(format!("the environment variable {name} is not set"))
                .hint("export it, or pass --p12-password-file FILE")
        })?)
    } else if ctx.can_prompt() {
        crate::prompt::password("PKCS#12 password", true)?
    } else {
        return Err(Error::new(
            ErrorKind::NoTerminal,
            "a PKCS#12 password is needed but there is no terminal to ask",
        )
        .hint("pass --p12-password-file FILE (or - for stdin) or --p12-password-env NAME"));
    };
    if pw.is_empty() {
        return Err(Error::input("the PKCS#12 password is empty")
            .hint("use a non-empty password; many clients refuse empty ones"));
    }
    crate::secret::long_enough(pw, crate::secret::MIN_P12_PASSWORD, "PKCS#12 password")
}

/// DER of every certificate in a PEM text.
pub(crate) fn ders(pem: &str) -> Result<Vec<Vec<u8>>> {
    pki::pem_blocks(pem.as_bytes(), "CERTIFICATE")
        .map_err(|e| Error::state(format!("a certificate in state.json does not parse: {e}")))
}

/// Plan the files of one new certificate. `dir_default` is the `--out` directory when no
/// explicit paths were given.
pub(crate) fn plan_files(
    ctx: &Ctx<'_>,
    name: &str,
    ca: &CaRecord,
    nc: &NewCert,
    files: &FilesOut,
) -> Result<Vec<Planned>> {
    let explicit = files.cert_out.is_some() || files.key_out.is_some() || files.chain_out.is_some();
    let mut cert_pem = nc.record.pem.clone();
    for c in ca.chain_pems() {
        cert_pem.push_str(c);
    }
    let chain_pem = {
        let mut s = String::new();
        if let Some(i) = &ca.intermediate {
            s.push_str(&i.pem);
        }
        s.push_str(&ca.root.pem);
        s
    };
    let mut out = Vec::new();
    let (cert_p, key_p, chain_p) = if explicit {
        (
            files.cert_out.clone(),
            files.key_out.clone(),
            files.chain_out.clone(),
        )
    } else {
        let dir = files.out.clone().unwrap_or_else(|| PathBuf::from("."));
        (
            Some(dir.join(format!("{name}.crt"))),
            Some(dir.join(format!("{name}.key"))),
            Some(dir.join(format!("{name}.ca.crt"))),
        )
    };
    if let Some(p) = cert_p {
        out.push(Planned {
            path: p,
            bytes: Zeroizing::new(cert_pem.into_bytes()),
            mode: 0o644,
            kind: "cert",
        });
    }
    if let (Some(p), Some(k)) = (key_p, nc.key_pem.as_ref()) {
        out.push(Planned {
            path: p,
            bytes: Zeroizing::new(k.as_bytes().to_vec()),
            mode: 0o600,
            kind: "key",
        });
    }
    if let Some(p) = chain_p {
        out.push(Planned {
            path: p,
            bytes: Zeroizing::new(chain_pem.into_bytes()),
            mode: 0o644,
            kind: "chain",
        });
    }
    if let Some(p) = &files.p12 {
        let Some(k) = nc.key_pem.as_ref() else {
            return Err(Error::usage(
                "--p12 needs the private key, which a CSR does not give vauth",
            )
            .hint("make the PKCS#12 where the key lives (openssl pkcs12 -export)"));
        };
        let pw = p12_password(ctx, &files.p12_password)?;
        let key_der = pki::pem_blocks(k.as_bytes(), "PRIVATE KEY")
            .map_err(|e| Error::bug(format!("a new key is not PKCS#8: {e}")))?;
        let mut chain = vec![nc.der.clone()];
        for c in [ca.intermediate.as_ref(), Some(&ca.root)]
            .into_iter()
            .flatten()
        {
            chain.extend(ders(&c.pem)?);
        }
        let bytes = pki::make_p12(name, key_der.first().map(Vec::as_slice), &chain, &pw)
            .map_err(|e| Error::bug(e.0))?;
        out.push(Planned {
            path: p.clone(),
            bytes,
            mode: 0o600,
            kind: "p12",
        });
    }
    if nc.key_pem.is_some() && !out.iter().any(|f| f.kind == "key" || f.kind == "p12") {
        return Err(Error::usage("the new private key would be written nowhere")
            .hint("add --key-out FILE, --p12 FILE or --keep-key"));
    }
    Ok(out)
}

/// The paths of planned files, by kind (for reports).
#[derive(Debug, Default, Serialize)]
pub(crate) struct FilesReport {
    cert: Option<String>,
    key: Option<String>,
    chain: Option<String>,
    p12: Option<String>,
}

impl FilesReport {
    pub(crate) fn of(files: &[Planned]) -> FilesReport {
        let mut r = FilesReport::default();
        for f in files {
            let p = Some(f.path.display().to_string());
            match f.kind {
                "cert" => r.cert = p,
                "key" => r.key = p,
                "chain" => r.chain = p,
                _ => r.p12 = p,
            }
        }
        r
    }
}

/// The JSON object of a newly issued certificate (issue, renew, each batch line).
#[derive(Debug, Serialize)]
pub(crate) struct IssuedReport<'a> {
    pub name: &'a str,
    pub serial: &'a str,
    pub cn: &'a str,
    pub sans: &'a [String],
    pub profile: &'a str,
    pub key_type: &'a str,
    pub not_before: String,
    pub not_after: String,
    pub fingerprint: &'a str,
    pub issuer: &'a str,
    pub key_kept: bool,
    pub from_csr: bool,
    pub files: FilesReport,
}

impl<'a> IssuedReport<'a> {
    pub(crate) fn new(
        name: &'a str,
        profile: Profile,
        ca: &'a CaRecord,
        c: &'a IssuedCert,
        files: &[Planned],
    ) -> Self {
        IssuedReport {
            name,
            serial: &c.serial,
            cn: &c.cn,
            sans: &c.sans,
            profile: profile.as_str(),
            key_type: &c.key_type,
            not_before: rfc3339(c.not_before),
            not_after: rfc3339(c.not_after),
            fingerprint: &c.fingerprint,
            issuer: &ca.issuing().cn,
            key_kept: c.key_kept,
            from_csr: c.from_csr,
            files: FilesReport::of(files),
        }
    }
}
