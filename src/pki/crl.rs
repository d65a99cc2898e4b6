//! Certificate revocation lists and the RFC 5280 revocation reasons.

use ::time::OffsetDateTime;
use rcgen::{
    CertificateRevocationListParams, Issuer, KeyPair, RevocationReason, RevokedCertParams,
    SerialNumber,
};

use super::{PkiResult, err};

/// The RFC 5280 reasons vauth accepts (camelCase as in the RFC).
pub const REASONS: &[&str] = &[
    "unspecified",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "privilegeWithdrawn",
];

fn reason_code(r: &str) -> Option<RevocationReason> {
    Some(match r {
        "unspecified" => RevocationReason::Unspecified,
        "keyCompromise" => RevocationReason::KeyCompromise,
        "cACompromise" => RevocationReason::CaCompromise,
        "affiliationChanged" => RevocationReason::AffiliationChanged,
        "superseded" => RevocationReason::Superseded,
        "cessationOfOperation" => RevocationReason::CessationOfOperation,
        "privilegeWithdrawn" => RevocationReason::PrivilegeWithdrawn,
        _ => return None,
    })
}

/// One revoked certificate for a CRL.
#[derive(Debug, Clone)]
pub struct Revoked {
    /// Serial (hex).
    pub serial: String,
    /// When.
    pub at: OffsetDateTime,
    /// RFC 5280 reason name.
    pub reason: String,
}

fn hex_bytes(h: &str) -> PkiResult<Vec<u8>> {
    let padded = if h.len() % 2 == 1 {
        format!("0{h}")
    } else {
        h.to_string()
    };
    hex::decode(&padded).map_err(|_| err(format!("bad serial {h}")))
}

/// Sign a CRL: (PEM, DER).
pub fn make_crl(
    issuer: &Issuer<'_, KeyPair>,
    number: u64,
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
    revoked: &[Revoked],
) -> PkiResult<(String, Vec<u8>)> {
    let revoked_certs = revoked
        .iter()
        .map(|r| {
            let mut b = hex_bytes(&r.serial)?;
            // DER INTEGERs are signed: keep a serial whose top bit is set positive.
            if b.first().is_some_and(|x| x & 0x80 != 0) {
                b.insert(0, 0);
            }
            Ok(RevokedCertParams {
                serial_number: SerialNumber::from_slice(&b),
                revocation_time: r.at,
                reason_code: reason_code(&r.reason).filter(|c| *c != RevocationReason::Unspecified),
                invalidity_date: None,
            })
        })
        .collect::<PkiResult<Vec<_>>>()?;
    let params = CertificateRevocationListParams {
        this_update,
        next_update,
        crl_number: SerialNumber::from_slice(&number.to_be_bytes()),
        issuing_distribution_point: None,
        revoked_certs,
        key_identifier_method: rcgen::KeyIdMethod::Sha256,
    };
    let crl = params
        .signed_by(issuer)
        .map_err(|e| err(format!("cannot sign the CRL: {e}")))?;
    let pem = crl
        .pem()
        .map_err(|e| err(format!("cannot encode the CRL: {e}")))?;
    Ok((pem, crl.der().to_vec()))
}

/// Whether `r` names an RFC 5280 reason vauth accepts.
pub fn valid_reason(r: &str) -> bool {
    reason_code(r).is_some()
}
