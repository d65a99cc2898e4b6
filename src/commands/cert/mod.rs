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
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::cert::{CertCommand, FilesOut, ProfileArg};
use crate::error::{Error, ErrorKind, Outcome, Result};
use crate::pki::{self, KeySpec, LeafSpec, PkiError, Profile, San};
use crate::store::Session;
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

/// The time certificate commands act at (a test hook may move it).
pub(crate) fn pki_now(ctx: &Ctx<'_>) -> OffsetDateTime {
    crate::testpoints::now_override().unwrap_or(ctx.now)
}

/// The CA of this home, or exit 3 with the command that makes one.
pub(crate) fn ca_of(s: &Session) -> Result<&CaRecord> {
    s.state.ca.as_ref().ok_or_else(|| {
        Error::new(ErrorKind::NotFound, "this home has no CA yet").hint("run `vauth ca init` first")
    })
}

/// The error for an unknown certificate name.
/// The kept private key of certificate `c` (issued as `name` with `--keep-key`), from the vault.
/// The caller has checked `c.key_kept` (its error names what the key was needed for).
pub(crate) fn kept_key(s: &mut Session, name: &str, c: &IssuedCert) -> Result<Zeroizing<String>> {
    s.vault()?
        .get(&c.vault_entry(name))
        .map(|k| Zeroizing::new(k.to_string()))
        .ok_or_else(|| {
            Error::vault(format!("the vault has no key for the certificate {name}"))
                .hint("restore secrets.vault, or issue the certificate again with --keep-key")
        })
}

pub(crate) fn unknown(name: &str) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!("no certificate named {name:?}"),
    )
    .hint("see `vauth cert list` for the names in this home")
}

/// A domain error as bad input (exit 3).
pub(crate) fn input_err(e: PkiError, hint: &str) -> Error {
    Error::input(e.0).hint(hint)
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

/// Refuse a CN that is empty or too long for X.509 (64 characters, RFC 5280 ub-common-name).
pub(crate) fn check_cn(cn: &str) -> Result<()> {
    if cn.is_empty() || cn.chars().count() > 64 || cn.chars().any(char::is_control) {
        return Err(
            Error::usage(format!("CN {cn:?} must be 1-64 printable characters"))
                .hint("pass --cn with a shorter name"),
        );
    }
    Ok(())
}

/// The issuing CA must be valid now; the leaf's end is capped at the CA's. Returns the leaf's
/// validity window and whether it was capped.
pub(crate) fn leaf_window(
    ca: &CaRecord,
    now: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<(OffsetDateTime, OffsetDateTime, bool)> {
    let issuing = ca.issuing();
    for c in [Some(&ca.root), ca.intermediate.as_ref()]
        .into_iter()
        .flatten()
    {
        if now >= c.not_after {
            return Err(Error::state(format!(
                "the CA {:?} expired at {}",
                c.cn,
                rfc3339(c.not_after)
            ))
            .hint("make a new CA with `vauth ca init --force` and re-issue"));
        }
    }
    if not_after <= now {
        return Err(Error::usage(format!(
            "--not-after {} is not in the future",
            rfc3339(not_after)
        ))
        .hint("give a duration such as 30d or a future RFC 3339 time"));
    }
    let capped = not_after > issuing.not_after;
    let end = if capped { issuing.not_after } else { not_after };
    Ok((now - time::Duration::minutes(1), end, capped))
}

/// Where the key of a new certificate comes from.
pub(crate) enum KeySource {
    /// Generate one of this type.
    Generate(KeySpec),
    /// Reuse this key (PKCS#8 PEM).
    Reuse(Zeroizing<String>),
    /// A CSR's public key; vauth never sees the private key.
    Csr(Box<pki::CsrRequest>),
}

/// A freshly signed certificate, with its private key when vauth made or reused one.
pub(crate) struct NewCert {
    /// The record for state.json.
    pub record: IssuedCert,
    /// The private key (PKCS#8 PEM), when there is one.
    pub key_pem: Option<Zeroizing<String>>,
    /// DER of the leaf.
    pub der: Vec<u8>,
}

/// Sign one leaf. Checks the SANs (and a DNS-looking CN) against the CA's name constraints first.
pub(crate) fn issue_one(
    ca: &CaRecord,
    issuer: &rcgen::Issuer<'_, rcgen::KeyPair>,
    spec: &LeafSpec,
    source: KeySource,
    now: OffsetDateTime,
) -> Result<NewCert> {
    let issuing = ca.issuing();
    let ips: Vec<pki::Cidr> = issuing
        .permit_ip
        .iter()
        .filter_map(|c| pki::Cidr::parse(c).ok())
        .collect();
    let mut names = spec.sans.clone();
    if !names.iter().any(|s| matches!(s, San::Dns(_)))
        && spec.cn.contains('.')
        && let Ok(d) = San::parse(&format!("dns:{}", spec.cn))
    {
        names.push(d);
    }
    if let Some(bad) = pki::constraint_violation(&names, &issuing.permit_dns, &ips) {
        let mut allowed: Vec<String> = issuing.permit_dns.clone();
        allowed.extend(issuing.permit_ip.iter().cloned());
        return Err(Error::state(format!(
            "{bad} is outside the CA's name constraints ({})",
            allowed.join(", ")
        ))
        .hint("use a name inside the permitted subtrees, or a CA without these constraints"));
    }
    let sign_err = |e: PkiError| Error::state(e.0).hint("check the CA with `vauth ca show`");
    let (signed, key_pem, key_type, from_csr) = match source {
        KeySource::Generate(k) => {
            let kp = k.generate().map_err(sign_err)?;
            let s = pki::sign_leaf(spec, &kp, pki::key_is_rsa(&kp), issuer).map_err(sign_err)?;
            (s, Some(pki::key_pem(&kp)), k.label().to_string(), false)
        }
        KeySource::Reuse(pem) => {
            let kp = pki::parse_private_key(&pem)
                .map_err(|e| input_err(e, "pass a PKCS#8, SEC1 or PKCS#1 PEM private key"))?;
            let s = pki::sign_leaf(spec, &kp, pki::key_is_rsa(&kp), issuer).map_err(sign_err)?;
            let label = pki::key_label(&kp);
            (s, Some(pki::key_pem(&kp)), label, false)
        }
        KeySource::Csr(r) => {
            let s = pki::sign_leaf(spec, &r.public_key, r.is_rsa, issuer).map_err(sign_err)?;
            (s, None, r.key_label.clone(), true)
        }
    };
    let record = IssuedCert {
        serial: signed.serial.clone(),
        cn: spec.cn.clone(),
        sans: spec.sans.iter().map(ToString::to_string).collect(),
        key_type,
        fingerprint: pki::fingerprint(&signed.der),
        issuer_fingerprint: issuing.fingerprint.clone(),
        not_before: spec.not_before,
        not_after: spec.not_after,
        issued_at: now,
        key_kept: false,
        from_csr,
        revoked_at: None,
        revocation_reason: None,
        pem: signed.pem,
        pushed: Vec::new(),
    };
    Ok(NewCert {
        record,
        key_pem,
        der: signed.der,
    })
}

/// The issuing CA's signer, from state.json and the vault.
pub(crate) fn load_issuer(s: &mut Session) -> Result<rcgen::Issuer<'static, rcgen::KeyPair>> {
    let ca = ca_of(s)?.clone();
    let entry = ca.issuing_key_entry();
    let key = s
        .vault()?
        .get(entry)
        .map(|k| Zeroizing::new(k.to_string()))
        .ok_or_else(|| {
            Error::vault(format!("the vault has no CA key ({entry})"))
                .hint("restore secrets.vault, or make a new CA with `vauth ca init --force`")
        })?;
    pki::load_issuer(ca.issuing().pem.as_str(), &key).map_err(|e| {
        Error::vault(e.0).hint("restore secrets.vault and state.json from the same backup")
    })
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
