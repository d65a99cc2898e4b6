//! Leaf certificates: client and server profiles, signing.

use ::time::OffsetDateTime;
use rcgen::{ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use serde::{Deserialize, Serialize};

use super::{PkiResult, San, err, random_serial, serial_hex, subject_params};

/// What a leaf is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// clientAuth EKU only, digitalSignature.
    Client,
    /// serverAuth EKU only, digitalSignature (+ keyEncipherment for RSA keys).
    Server,
}

impl Profile {
    /// `client` / `server`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Client => "client",
            Profile::Server => "server",
        }
    }
}

/// A leaf to sign.
#[derive(Debug, Clone)]
pub struct LeafSpec {
    /// Subject CN.
    pub cn: String,
    /// SANs.
    pub sans: Vec<San>,
    /// client or server.
    pub profile: Profile,
    /// Validity start.
    pub not_before: OffsetDateTime,
    /// Validity end.
    pub not_after: OffsetDateTime,
}

/// A signed leaf.
#[derive(Debug, Clone)]
pub struct Signed {
    /// PEM.
    pub pem: String,
    /// DER.
    pub der: Vec<u8>,
    /// Serial (hex, see [`serial_hex`]).
    pub serial: String,
}

/// Sign a leaf for `public_key` (a generated key pair, or a CSR's key).
pub fn sign_leaf(
    spec: &LeafSpec,
    public_key: &impl rcgen::PublicKeyData,
    is_rsa: bool,
    issuer: &Issuer<'_, KeyPair>,
) -> PkiResult<Signed> {
    let mut p = subject_params(&spec.cn, spec.not_before, spec.not_after);
    let serial = random_serial()?;
    let serial_s = serial_hex(&serial.to_bytes());
    p.serial_number = Some(serial);
    p.is_ca = IsCa::ExplicitNoCa;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    if is_rsa && spec.profile == Profile::Server {
        p.key_usages.push(KeyUsagePurpose::KeyEncipherment);
    }
    p.extended_key_usages = vec![match spec.profile {
        Profile::Client => ExtendedKeyUsagePurpose::ClientAuth,
        Profile::Server => ExtendedKeyUsagePurpose::ServerAuth,
    }];
    p.subject_alt_names = spec
        .sans
        .iter()
        .map(San::to_rcgen)
        .collect::<PkiResult<_>>()?;
    p.use_authority_key_identifier_extension = true;
    let c = p
        .signed_by(public_key, issuer)
        .map_err(|e| err(format!("cannot sign the certificate: {e}")))?;
    Ok(Signed {
        pem: c.pem(),
        der: c.der().to_vec(),
        serial: serial_s,
    })
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use rcgen::{BasicConstraints, DistinguishedName, DnType, IsCa};
    use x509_parser::prelude::*;

    use crate::pki::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Every issued certificate parses with x509-parser, verifies against its issuer's key,
        /// carries exactly the requested SANs, the profile's EKU only, CA:FALSE, a positive
        /// serial of at most 20 bytes, and the requested validity.
        #[test]
        fn every_issued_cert_parses_and_verifies(
            issuer_kind in 0usize..3,
            leaf_kind in 0usize..3,
            cn in "[a-z][a-z0-9_]{0,20}",
            labels in proptest::collection::vec("[a-z][a-z0-9]{0,10}", 0..4),
            ip in proptest::option::of(proptest::prelude::any::<[u8; 4]>()),
            server in proptest::prelude::any::<bool>(),
            days in 1i64..800,
        ) {
            let specs = [KeySpec::P256, KeySpec::Ed25519, KeySpec::P384];
            let t0 = ::time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let ca_key = specs[issuer_kind].generate().unwrap();
            let ca_spec = CaSpec { cn: "prop CA".into(), not_before: t0, not_after: t0 + ::time::Duration::days(3650), pathlen: 0, permit_dns: vec![], permit_ip: vec![] };
            let (ca_pem, ca_der) = make_root(&ca_spec, &ca_key).unwrap();
            let issuer = load_issuer(&ca_pem, &key_pem(&ca_key)).unwrap();
            let mut sans: Vec<San> = labels.iter().map(|l| San::Dns(format!("{l}.example.com"))).collect();
            if let Some(a) = ip { sans.push(San::Ip(IpAddr::from(a))); }
            sans.dedup();
            let profile = if server { Profile::Server } else { Profile::Client };
            let spec = LeafSpec { cn: cn.clone(), sans: sans.clone(), profile, not_before: t0, not_after: t0 + ::time::Duration::days(days) };
            let leaf_key = specs[leaf_kind].generate().unwrap();
            let signed = sign_leaf(&spec, &leaf_key, false, &issuer).unwrap();
            let (_, ca) = X509Certificate::from_der(&ca_der).unwrap();
            let (rest, c) = X509Certificate::from_der(&signed.der).unwrap();
            proptest::prop_assert!(rest.is_empty());
            proptest::prop_assert!(c.verify_signature(Some(ca.public_key())).is_ok());
            proptest::prop_assert!(!c.is_ca());
            proptest::prop_assert_eq!(serial_of(&c), signed.serial.clone());
            proptest::prop_assert!(c.raw_serial().len() <= 20 && c.raw_serial()[0] < 0x80);
            proptest::prop_assert_eq!(c.validity().not_after.to_datetime(), spec.not_after);
            proptest::prop_assert_eq!(c.subject().iter_common_name().next().and_then(|a| a.as_str().ok()), Some(cn.as_str()));
            let eku = c.extended_key_usage().unwrap().unwrap().value;
            proptest::prop_assert_eq!((eku.client_auth, eku.server_auth), (!server, server));
            proptest::prop_assert!(eku.other.is_empty() && !eku.any);
            let got: Vec<String> = c.subject_alternative_name().unwrap().map(|s| s.value.general_names.iter().map(|g| g.to_string()).collect()).unwrap_or_default();
            proptest::prop_assert_eq!(got.len(), sans.len());
            proptest::prop_assert!(key_matches_cert(&leaf_key, &signed.der));
            // The same leaf from a CSR of the same key gets the same shape.
            let mut p = rcgen::CertificateParams::new(vec![]).unwrap();
            p.distinguished_name = DistinguishedName::new();
            p.distinguished_name.push(DnType::CommonName, cn.clone());
            p.subject_alt_names = sans.iter().map(|s| s.to_rcgen().unwrap()).collect();
            p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            let csr = p.serialize_request(&leaf_key).unwrap().pem().unwrap();
            let req = parse_csr(csr.as_bytes()).unwrap();
            proptest::prop_assert_eq!(&req.sans, &sans);
            proptest::prop_assert_eq!(req.cn.as_deref(), Some(cn.as_str()));
            proptest::prop_assert!(req.ignored_extensions.contains(&"basicConstraints".to_string()));
        }
    }
}
