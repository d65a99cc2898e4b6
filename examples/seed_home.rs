//! Seed a vauth home with many API keys, for whole-process benchmarks (`benches/compare.sh`).
//!
//! ```text
//! cargo run --release --example seed_home -- DIR N
//! ```
//!
//! Creates a new home at `DIR` (which must not exist) protected by a key file under
//! `$XDG_CONFIG_HOME/vauth/keys` (else `~/.config/vauth/keys`), adds `N` generated API keys named
//! `key-0` … `key-{N-1}` with their plaintexts kept in the vault, all in one session and one
//! commit, and writes `key-0`'s plaintext to `DIR/../probe.key` (mode 0600) so a benchmark can
//! time `vauth key verify` against a real key. Prints no secret: one summary line on stderr.
#![allow(clippy::print_stderr, clippy::unwrap_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use vauth::apikey;
use vauth::audit::AuditEvent;
use vauth::store::state::{ApiKey, KeyVersion, Origin};
use vauth::store::vault::{Protection, Unlock};
use vauth::store::{FileBackend, Session};
use zeroize::Zeroizing;

fn usage() -> ExitCode {
    eprintln!("usage: seed_home DIR N   (DIR must not exist; N = number of API keys)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, n] = args.as_slice() else {
        return usage();
    };
    let Ok(n) = n.parse::<usize>() else {
        return usage();
    };
    match seed(Path::new(dir), n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seed_home: {e}");
            ExitCode::from(3)
        }
    }
}

fn seed(dir: &Path, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(format!(
            "{} already exists; pass a path that does not",
            dir.display()
        )
        .into());
    }
    let started = Instant::now();
    let unlock = Unlock {
        passphrase_file: None,
        can_prompt: false,
        key_dir: vauth::store::key_dir(),
        in_ci: false,
    };
    let (mut session, created) = Session::create(
        Box::new(FileBackend::new(dir.to_path_buf())),
        Protection::KeyFile,
        unlock,
        vauth::timefmt::now(),
    )?;
    if !created {
        return Err(format!("{} was created by another process meanwhile", dir.display()).into());
    }
    let now = session.now;
    let mut probe: Option<Zeroizing<String>> = None;
    for i in 0..n {
        let name = format!("key-{i}");
        let key = apikey::generate(apikey::DEFAULT_PREFIX)?;
        let parsed = apikey::parse(&key).map_err(|e| e.to_string())?;
        let version = KeyVersion {
            version: 1,
            id: Some(parsed.id.to_string()),
            sha256: apikey::digest_hex(&key),
            origin: Origin::Generated,
            kept: true,
            created: now,
            expires: None,
            grace_until: None,
            revoked_at: None,
            revoked_reason: None,
            pushed: Vec::new(),
        };
        let entry = version.vault_entry(&name);
        session.state.api_keys.insert(
            name.clone(),
            ApiKey {
                name,
                prefix: Some(parsed.prefix.to_string()),
                scopes: Vec::new(),
                labels: Default::default(),
                created: now,
                versions: vec![version],
            },
        )?;
        session
            .vault()?
            .put(&entry, Zeroizing::new(key.to_string()))?;
        if i == 0 {
            probe = Some(key);
        }
    }
    session.commit(AuditEvent::new("bench.seed").detail("keys", n.to_string()))?;
    let location = session.location();
    drop(session);

    let mut wrote_probe = String::new();
    if let Some(key) = probe {
        let path = probe_path(dir);
        let line = Zeroizing::new(format!("{}\n", key.as_str()));
        vauth::fsutil::write_user_file(&path, line.as_bytes(), vauth::fsutil::PRIVATE, true)?;
        wrote_probe = format!("; key-0's plaintext in {} (0600)", path.display());
    }
    eprintln!(
        "seed_home: created {location} with {n} API keys (key-file protection) in {:.2}s{wrote_probe}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `DIR/../probe.key`, with `DIR`'s parent resolved lexically (`.` when it has none).
fn probe_path(dir: &Path) -> PathBuf {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.join("probe.key")
}
