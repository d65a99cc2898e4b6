//! The files of `vauth cert issue|renew|export`: planned (paths, bytes, modes) before anything
//! is signed or recorded, checked with `fsutil::precheck_user_files`, and written all or
//! nothing with [`FileSet`].

use std::path::PathBuf;

use serde::Serialize;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::cert::FilesOut;
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil::{FileSet, NewFile};
use crate::lifecycle::certs::NewCert;
use crate::pki;
use crate::store::state::pki::CaRecord;

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

/// Write `files` all or nothing ([`FileSet`]); `fsync` each file or (bulk) only the directories.
pub(crate) fn write(files: &[Planned], force: bool, fsync: bool) -> Result<FileSet> {
    FileSet::write(
        files.iter().map(|f| NewFile {
            path: &f.path,
            bytes: &f.bytes,
            mode: f.mode,
        }),
        force,
        fsync,
    )
}

/// The paths of `files`, for [`precheck_user_files`](crate::fsutil::precheck_user_files).
pub(crate) fn paths(files: &[Planned]) -> Vec<&std::path::Path> {
    files.iter().map(|f| f.path.as_path()).collect()
}
