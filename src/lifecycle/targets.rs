//! Looking targets up in vauth.toml: by name, and with the client certificate a target names
//! resolved from this home.

use crate::error::{Error, ErrorKind, Result};
use crate::remote::TargetConfig;
use crate::store::Session;

/// The error for an unknown target name.
pub fn unknown(name: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no target named {name:?}"))
        .hint("see `vauth target list`, or add one with `vauth target add`")
}

/// Look a target up by name.
pub fn find<'a>(s: &'a Session, name: &str) -> Result<&'a TargetConfig> {
    s.config.target.get(name).ok_or_else(|| unknown(name))
}

/// The target's config with its client certificate (if it names one) resolved from this
/// home: the newest certificate of that name, which must be valid and have its key kept.
pub fn resolve(s: &mut Session, name: &str) -> Result<TargetConfig> {
    let mut cfg = find(s, name)?.clone();
    cfg.secret_env = crate::hook::secret_env_names(&s.config);
    let Some(cert) = cfg.client_cert.clone() else {
        return Ok(cfg);
    };
    let hint = format!(
        "issue it with the key kept: `vauth cert issue {cert} --cn … --keep-key`, or change the target's --client-cert"
    );
    let c = s
        .state
        .certs
        .get(&cert)?
        .and_then(|r| r.latest())
        .cloned()
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("target {name}: no certificate named {cert:?} in this home"),
            )
            .hint(hint.clone())
        })?;
    let status = c.status(s.now);
    if status != crate::store::state::pki::CertStatus::Active {
        return Err(Error::state(format!(
            "target {name}: the client certificate {cert} is {}",
            status.as_str()
        ))
        .hint(format!("renew it: `vauth cert renew {cert}`")));
    }
    if !c.key_kept {
        return Err(Error::state(format!(
            "target {name}: vauth does not hold the key of the client certificate {cert}"
        ))
        .hint(hint));
    }
    let key = super::certs::kept_key(s, &cert, &c)?;
    cfg.identity = Some(crate::remote::ClientIdentity {
        cert_pem: c.pem.clone(),
        key_pem: key,
    });
    Ok(cfg)
}
