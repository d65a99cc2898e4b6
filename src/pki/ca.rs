//! CA certificates: roots, intermediates, and loading an issuer.

use ::time::OffsetDateTime;
use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, GeneralSubtree, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, NameConstraints,
};

use super::{Cidr, PkiResult, err, random_serial, subject_params};

/// Parameters of a CA certificate.
#[derive(Debug, Clone)]
pub struct CaSpec {
    /// Subject CN.
    pub cn: String,
    /// Validity start.
    pub not_before: OffsetDateTime,
    /// Validity end.
    pub not_after: OffsetDateTime,
    /// Maximum number of CAs below this one.
    pub pathlen: u8,
    /// Permitted DNS subtrees.
    pub permit_dns: Vec<String>,
    /// Permitted IP subtrees.
    pub permit_ip: Vec<Cidr>,
}

fn name_constraints(dns: &[String], ips: &[Cidr]) -> Option<NameConstraints> {
    if dns.is_empty() && ips.is_empty() {
        return None;
    }
    let mut permitted: Vec<GeneralSubtree> = dns
        .iter()
        .map(|d| GeneralSubtree::DnsName(d.clone()))
        .collect();
    permitted.extend(
        ips.iter()
            .map(|c| GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(c.addr, c.prefix))),
    );
    Some(NameConstraints {
        permitted_subtrees: permitted,
        excluded_subtrees: vec![],
    })
}

fn ca_params(spec: &CaSpec) -> PkiResult<CertificateParams> {
    let mut p = subject_params(&spec.cn, spec.not_before, spec.not_after);
    p.serial_number = Some(random_serial()?);
    p.is_ca = IsCa::Ca(BasicConstraints::Constrained(spec.pathlen));
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p.name_constraints = name_constraints(&spec.permit_dns, &spec.permit_ip);
    p.use_authority_key_identifier_extension = true;
    Ok(p)
}

/// A self-signed root: (certificate PEM, DER).
pub fn make_root(spec: &CaSpec, key: &KeyPair) -> PkiResult<(String, Vec<u8>)> {
    let mut p = ca_params(spec)?;
    // A root's AKI would only repeat its SKI.
    p.use_authority_key_identifier_extension = false;
    let c = p
        .self_signed(key)
        .map_err(|e| err(format!("cannot sign the root CA: {e}")))?;
    Ok((c.pem(), c.der().to_vec()))
}

/// An intermediate signed by `issuer`: (PEM, DER).
pub fn make_intermediate(
    spec: &CaSpec,
    key: &KeyPair,
    issuer: &Issuer<'_, KeyPair>,
) -> PkiResult<(String, Vec<u8>)> {
    let p = ca_params(spec)?;
    let c = p
        .signed_by(key, issuer)
        .map_err(|e| err(format!("cannot sign the intermediate CA: {e}")))?;
    Ok((c.pem(), c.der().to_vec()))
}

/// Load an issuer from its certificate PEM and private key PEM.
pub fn load_issuer(cert_pem: &str, key_pem: &str) -> PkiResult<Issuer<'static, KeyPair>> {
    let key =
        KeyPair::from_pem(key_pem).map_err(|e| err(format!("the CA key does not load: {e}")))?;
    Issuer::from_ca_cert_pem(cert_pem, key)
        .map_err(|e| err(format!("the CA certificate does not load: {e}")))
}
