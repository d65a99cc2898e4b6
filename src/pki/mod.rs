//! The local CA's domain: key types, certificate parameters, SANs and name constraints, CSRs,
//! CRLs, chain verification and PKCS#12. Pure over bytes and times: no files, no clock, no vault
//! (the commands pass keys, PEM and `now` in). One crypto backend: rcgen and x509-parser on
//! aws-lc-rs.
//!
//! Rules this module keeps (DESIGN.md §3): every certificate gets a random 159-bit serial and an
//! explicit validity; CAs are pathlen-constrained with keyCertSign + cRLSign and SKI/AKI; a client
//! leaf carries the clientAuth EKU only and digitalSignature; nothing is ever copied from a CSR
//! except its subject CN, its SANs and its public key.

pub mod verify;

use std::fmt;
use std::net::IpAddr;

use ::time::OffsetDateTime;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CidrSubnet,
    DistinguishedName, DnType, ExtendedKeyUsagePurpose, GeneralSubtree, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, NameConstraints, PublicKeyData, RevocationReason, RevokedCertParams, SanType,
    SerialNumber, SubjectPublicKeyInfo,
};
use serde::{Deserialize, Serialize};
use sha2::Digest;
use x509_parser::prelude::*;
use zeroize::Zeroizing;

/// The largest certificate, CSR or key file vauth reads.
pub const MAX_PEM_BYTES: u64 = 1 << 20;

/// A failure in the PKI domain; the commands turn it into an `Error` with a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkiError(pub String);

impl fmt::Display for PkiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PkiError {}

fn err(s: impl Into<String>) -> PkiError {
    PkiError(s.into())
}

/// The domain's result type.
pub type PkiResult<T> = Result<T, PkiError>;

/// A key type and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySpec {
    /// ECDSA on P-256 with SHA-256 (the default).
    P256,
    /// ECDSA on P-384 with SHA-384.
    P384,
    /// Ed25519.
    Ed25519,
    /// RSA 2048 (PKCS#1 v1.5 signatures with SHA-256).
    Rsa2048,
    /// RSA 3072.
    Rsa3072,
    /// RSA 4096.
    Rsa4096,
}

impl KeySpec {
    /// Resolve `--kty/--crv/--size` (step's vocabulary); `None` everywhere is EC P-256.
    pub fn resolve(kty: Option<&str>, crv: Option<&str>, size: Option<u32>) -> PkiResult<KeySpec> {
        let kty = kty.map(str::to_ascii_uppercase);
        let kty = match (kty.as_deref(), crv) {
            (Some(k), _) => k.to_string(),
            (None, Some("Ed25519")) => "OKP".into(),
            (None, Some(_)) => "EC".into(),
            (None, None) if size.is_some() => "RSA".into(),
            (None, None) => "EC".into(),
        };
        match kty.as_str() {
            "EC" => {
                if size.is_some() {
                    return Err(err("--size applies to RSA keys only"));
                }
                match crv.unwrap_or("P-256") {
                    "P-256" => Ok(KeySpec::P256),
                    "P-384" => Ok(KeySpec::P384),
                    c => Err(err(format!(
                        "curve {c:?} is not an EC curve vauth issues (P-256, P-384)"
                    ))),
                }
            }
            "OKP" => {
                if size.is_some() {
                    return Err(err("--size applies to RSA keys only"));
                }
                match crv.unwrap_or("Ed25519") {
                    "Ed25519" => Ok(KeySpec::Ed25519),
                    c => Err(err(format!("curve {c:?} is not an OKP curve (Ed25519)"))),
                }
            }
            "RSA" => {
                if let Some(c) = crv {
                    return Err(err(format!("--crv {c} does not apply to RSA keys")));
                }
                match size.unwrap_or(2048) {
                    2048 => Ok(KeySpec::Rsa2048),
                    3072 => Ok(KeySpec::Rsa3072),
                    4096 => Ok(KeySpec::Rsa4096),
                    s => Err(err(format!("RSA size {s} is not one of 2048, 3072, 4096"))),
                }
            }
            k => Err(err(format!("key type {k:?} is not EC, OKP or RSA"))),
        }
    }

    /// The name shown to people and in JSON (`EC P-256`, `OKP Ed25519`, `RSA 2048`).
    pub fn label(self) -> &'static str {
        match self {
            KeySpec::P256 => "EC P-256",
            KeySpec::P384 => "EC P-384",
            KeySpec::Ed25519 => "OKP Ed25519",
            KeySpec::Rsa2048 => "RSA 2048",
            KeySpec::Rsa3072 => "RSA 3072",
            KeySpec::Rsa4096 => "RSA 4096",
        }
    }

    /// Generate a key pair of this type from the OS random source.
    pub fn generate(self) -> PkiResult<KeyPair> {
        use rcgen::{
            PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ED25519, PKCS_RSA_SHA256,
            RsaKeySize,
        };
        let r = match self {
            KeySpec::P256 => KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256),
            KeySpec::P384 => KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384),
            KeySpec::Ed25519 => KeyPair::generate_for(&PKCS_ED25519),
            KeySpec::Rsa2048 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048),
            KeySpec::Rsa3072 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_3072),
            KeySpec::Rsa4096 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_4096),
        };
        r.map_err(|e| err(format!("cannot generate a {} key: {e}", self.label())))
    }
}

/// The label of a public key found in a certificate or CSR (`EC P-256`, `RSA 3072`, …).
pub fn spki_label(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> String {
    use x509_parser::public_key::PublicKey;
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(PublicKey::EC(_)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256".into(),
                Some("1.3.132.0.34") => "EC P-384".into(),
                Some("1.3.132.0.35") => "EC P-521".into(),
                Some(o) => format!("EC {o}"),
                None => "EC".into(),
            }
        }
        _ if spki.algorithm.algorithm.to_id_string() == "1.3.101.112" => "OKP Ed25519".into(),
        _ => spki.algorithm.algorithm.to_id_string(),
    }
}

/// A random positive serial of at most 159 bits (20 bytes, top bit clear), never zero.
pub fn random_serial() -> PkiResult<SerialNumber> {
    let mut b = [0u8; 20];
    loop {
        getrandom::fill(&mut b).map_err(|e| err(format!("the OS random source failed: {e}")))?;
        b[0] &= 0x7f;
        if b.iter().any(|&x| x != 0) {
            return Ok(SerialNumber::from_slice(&b));
        }
    }
}

/// A serial as vauth writes it: lowercase hex, no leading zeros, no colons (what
/// `openssl x509 -serial` prints, lower-cased).
pub fn serial_hex(bytes: &[u8]) -> String {
    let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let t = h.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

/// Normalize a serial typed by a person (`AB:CD`, `0xabcd`, leading zeros) to [`serial_hex`]'s
/// form; `None` when it is not hex.
pub fn normalize_serial(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    let h: String = s.chars().filter(|c| *c != ':').collect();
    if h.is_empty() || h.len() > 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let t = h.trim_start_matches('0').to_ascii_lowercase();
    Some(if t.is_empty() { "0".into() } else { t })
}

/// SHA-256 of DER, lowercase hex.
pub fn fingerprint(der: &[u8]) -> String {
    sha2::Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Hex of a serial held by x509-parser.
pub fn serial_of(cert: &X509Certificate<'_>) -> String {
    serial_hex(cert.raw_serial())
}

// ---------------------------------------------------------------------------------------------
// SANs and name constraints

/// A subject alternative name as users write it: `dns:`, `ip:`, `email:`, `uri:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum San {
    /// A DNS name (may start with `*.`).
    Dns(String),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
    /// An e-mail address.
    Email(String),
    /// A URI (e.g. `spiffe://trust.domain/workload`).
    Uri(String),
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(s) => write!(f, "dns:{s}"),
            San::Ip(a) => write!(f, "ip:{a}"),
            San::Email(s) => write!(f, "email:{s}"),
            San::Uri(s) => write!(f, "uri:{s}"),
        }
    }
}

fn valid_dns(s: &str) -> bool {
    let body = s.strip_prefix("*.").unwrap_or(s);
    !body.is_empty()
        && s.len() <= 253
        && body.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

impl San {
    /// Parse `dns:NAME`, `ip:ADDR`, `email:ADDR`, `uri:URI`; a bare value is a DNS name, or an IP
    /// address when it parses as one.
    pub fn parse(s: &str) -> PkiResult<San> {
        let (kind, v) = match s.split_once(':') {
            Some((k, v)) if matches!(k, "dns" | "ip" | "email" | "uri") => (k, v),
            _ if s.parse::<IpAddr>().is_ok() => ("ip", s),
            _ if !s.contains(':') => ("dns", s),
            _ => {
                return Err(err(format!(
                    "SAN {s:?} does not start with dns:, ip:, email: or uri:"
                )));
            }
        };
        match kind {
            "dns" => {
                let v = v.trim_end_matches('.').to_ascii_lowercase();
                if valid_dns(&v) {
                    Ok(San::Dns(v))
                } else {
                    Err(err(format!("SAN dns:{v} is not a valid DNS name")))
                }
            }
            "ip" => v
                .parse::<IpAddr>()
                .map(San::Ip)
                .map_err(|_| err(format!("SAN ip:{v} is not an IP address"))),
            "email" => match v.split_once('@') {
                Some((l, d))
                    if !l.is_empty() && valid_dns(d) && v.is_ascii() && !v.contains(' ') =>
                {
                    Ok(San::Email(v.to_string()))
                }
                _ => Err(err(format!("SAN email:{v} is not an e-mail address"))),
            },
            _ => {
                let ok = v.split_once("://").is_some_and(|(scheme, rest)| {
                    !scheme.is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                        && !rest.is_empty()
                }) && v.is_ascii()
                    && !v
                        .bytes()
                        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control());
                if ok {
                    Ok(San::Uri(v.to_string()))
                } else {
                    Err(err(format!(
                        "SAN uri:{v} is not an absolute URI (scheme://…)"
                    )))
                }
            }
        }
    }

    fn to_rcgen(&self) -> PkiResult<SanType> {
        let ia5 = |s: &str| {
            s.to_string()
                .try_into()
                .map_err(|_| err(format!("SAN {self} is not ASCII")))
        };
        Ok(match self {
            San::Dns(s) => SanType::DnsName(ia5(s)?),
            San::Ip(a) => SanType::IpAddress(*a),
            San::Email(s) => SanType::Rfc822Name(ia5(s)?),
            San::Uri(s) => SanType::URI(ia5(s)?),
        })
    }
}

/// A permitted IP subtree: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The network address.
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// Parse `10.0.0.0/8`, `fd00::/8`, or a single address.
    pub fn parse(s: &str) -> PkiResult<Cidr> {
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = a
            .parse()
            .map_err(|_| err(format!("{s:?} is not a CIDR (e.g. 10.0.0.0/8)")))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| err(format!("{s:?}: the prefix length must be 0-{max}")))?,
            None => max,
        };
        Ok(Cidr { addr, prefix })
    }

    /// Whether `ip` lies in this subnet.
    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(a: IpAddr) -> (u128, u8) {
            match a {
                IpAddr::V4(v) => (u128::from(u32::from(v)), 32),
                IpAddr::V6(v) => (u128::from(v), 128),
            }
        }
        let (net, w1) = bits(self.addr);
        let (x, w2) = bits(ip);
        if w1 != w2 {
            return false;
        }
        let shift = u32::from(w1 - self.prefix);
        if shift >= 128 {
            return true;
        }
        (net >> shift) == (x >> shift)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Validate a `--permit-dns` value (`example.com`, or `.example.com` for subdomains only).
pub fn parse_permit_dns(s: &str) -> PkiResult<String> {
    let v = s.trim_end_matches('.').to_ascii_lowercase();
    let body = v.strip_prefix('.').unwrap_or(&v);
    if body.starts_with("*.") || !valid_dns(body) {
        return Err(err(format!(
            "{s:?} is not a DNS name constraint (e.g. example.com)"
        )));
    }
    Ok(v)
}

/// RFC 5280 §4.2.1.10 for DNS: `example.com` permits itself and every subdomain; `.example.com`
/// only subdomains.
pub fn dns_permitted(name: &str, constraint: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_prefix("*.").map_or(name.as_str(), |r| r);
    if let Some(sub) = constraint.strip_prefix('.') {
        name.ends_with(&format!(".{sub}"))
    } else {
        name == constraint || name.ends_with(&format!(".{constraint}"))
    }
}

/// The first SAN that the CA's permitted subtrees exclude. A name type without any permitted
/// subtree of its type is unconstrained (RFC 5280), except that IP SANs are refused when only DNS
/// subtrees exist and DNS SANs when only IP subtrees exist: a constrained CA should not mint
/// names of the other kind by accident.
pub fn constraint_violation(sans: &[San], dns: &[String], ips: &[Cidr]) -> Option<San> {
    if dns.is_empty() && ips.is_empty() {
        return None;
    }
    sans.iter()
        .find(|s| match s {
            San::Dns(n) => !dns.iter().any(|c| dns_permitted(n, c)),
            San::Ip(a) => !ips.iter().any(|c| c.contains(*a)),
            San::Email(e) => {
                !dns.is_empty()
                    && !e
                        .rsplit_once('@')
                        .is_some_and(|(_, d)| dns.iter().any(|c| dns_permitted(d, c)))
            }
            San::Uri(u) => {
                !dns.is_empty()
                    && !u
                        .split_once("://")
                        .map(|(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""))
                        .map(|h| h.rsplit_once('@').map_or(h, |(_, h)| h))
                        .map(|h| h.split(':').next().unwrap_or(h))
                        .is_some_and(|h| dns.iter().any(|c| dns_permitted(h, c)))
            }
        })
        .cloned()
}

// ---------------------------------------------------------------------------------------------
// Certificates

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
    let mut p = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, spec.cn.clone());
    p.distinguished_name = dn;
    p.not_before = spec.not_before;
    p.not_after = spec.not_after;
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
    let mut p = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, spec.cn.clone());
    p.distinguished_name = dn;
    p.not_before = spec.not_before;
    p.not_after = spec.not_after;
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

/// A key pair's private key as PKCS#8 PEM, zeroized on drop.
pub fn key_pem(key: &KeyPair) -> Zeroizing<String> {
    Zeroizing::new(key.serialize_pem())
}

/// Whether a key pair is RSA.
pub fn key_is_rsa(key: &KeyPair) -> bool {
    key.algorithm() == &rcgen::PKCS_RSA_SHA256
        || key.algorithm() == &rcgen::PKCS_RSA_SHA384
        || key.algorithm() == &rcgen::PKCS_RSA_SHA512
}

/// The label of a loaded key pair.
pub fn key_label(key: &KeyPair) -> String {
    let spki = key.subject_public_key_info();
    match x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki) {
        Ok((_, s)) => spki_label(&s),
        Err(_) => "unknown".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing input

/// Every `-----BEGIN <label>-----` block of `label` in `data`, as DER; DER input (starting with a
/// SEQUENCE tag) is returned as the one block.
pub fn pem_blocks(data: &[u8], label: &str) -> PkiResult<Vec<Vec<u8>>> {
    if data.first() == Some(&0x30) {
        return Ok(vec![data.to_vec()]);
    }
    let mut out = Vec::new();
    for p in Pem::iter_from_buffer(data) {
        let p = p.map_err(|e| err(format!("not valid PEM: {e}")))?;
        if p.label == label {
            out.push(p.contents);
        }
    }
    if out.is_empty() {
        return Err(err(format!("no {label} block found")));
    }
    Ok(out)
}

/// A request taken from a CSR: only what vauth copies.
#[derive(Debug, Clone)]
pub struct CsrRequest {
    /// The subject's CN, when it has one.
    pub cn: Option<String>,
    /// The requested SANs.
    pub sans: Vec<San>,
    /// The public key.
    pub public_key: SubjectPublicKeyInfo,
    /// Whether the key is RSA.
    pub is_rsa: bool,
    /// The key's label.
    pub key_label: String,
    /// Extensions the CSR asked for that vauth ignored (their OIDs).
    pub ignored_extensions: Vec<String>,
}

/// Parse and check a CSR (PEM or DER): its self-signature must verify. Only the CN, the SANs and
/// the public key are taken; every other requested extension is reported and ignored.
pub fn parse_csr(data: &[u8]) -> PkiResult<CsrRequest> {
    let der = match pem_blocks(data, "CERTIFICATE REQUEST") {
        Ok(mut v) => v.swap_remove(0),
        Err(_) => pem_blocks(data, "NEW CERTIFICATE REQUEST")
            .map_err(|_| err("the CSR is not a PEM CERTIFICATE REQUEST or DER"))?
            .swap_remove(0),
    };
    let (rest, csr) = X509CertificationRequest::from_der(&der)
        .map_err(|e| err(format!("the CSR does not parse: {e}")))?;
    if !rest.is_empty() {
        return Err(err("the CSR has trailing bytes"));
    }
    csr.verify_signature()
        .map_err(|_| err("the CSR's signature does not verify"))?;
    let info = &csr.certification_request_info;
    let cn = info
        .subject
        .iter_common_name()
        .next()
        .and_then(|a| a.as_str().ok())
        .map(str::to_string);
    let mut sans = Vec::new();
    let mut ignored = Vec::new();
    if let Some(exts) = csr.requested_extensions() {
        for e in exts {
            match e {
                ParsedExtension::SubjectAlternativeName(s) => {
                    for g in &s.general_names {
                        sans.push(match g {
                            GeneralName::DNSName(d) => San::parse(&format!("dns:{d}"))?,
                            GeneralName::IPAddress(b) => San::Ip(match b.len() {
                                4 => IpAddr::from(
                                    <[u8; 4]>::try_from(*b).map_err(|_| err("bad IP SAN"))?,
                                ),
                                16 => IpAddr::from(
                                    <[u8; 16]>::try_from(*b).map_err(|_| err("bad IP SAN"))?,
                                ),
                                _ => return Err(err("the CSR has an IP SAN of a bad length")),
                            }),
                            GeneralName::RFC822Name(m) => San::parse(&format!("email:{m}"))?,
                            GeneralName::URI(u) => San::parse(&format!("uri:{u}"))?,
                            other => {
                                return Err(err(format!(
                                    "the CSR asks for a SAN vauth does not issue: {other}"
                                )));
                            }
                        });
                    }
                }
                ParsedExtension::BasicConstraints(_) => ignored.push("basicConstraints".into()),
                ParsedExtension::KeyUsage(_) => ignored.push("keyUsage".into()),
                ParsedExtension::ExtendedKeyUsage(_) => ignored.push("extendedKeyUsage".into()),
                _ => ignored.push("other".into()),
            }
        }
    }
    let spki_der = info.subject_pki.raw;
    let public_key = SubjectPublicKeyInfo::from_der(spki_der)
        .map_err(|e| err(format!("the CSR's key type is not supported: {e}")))?;
    let key_label = spki_label(&info.subject_pki);
    Ok(CsrRequest {
        cn,
        sans,
        is_rsa: key_label.starts_with("RSA"),
        public_key,
        key_label,
        ignored_extensions: ignored,
    })
}

/// Load a private key (PKCS#8, SEC1 or PKCS#1 PEM).
pub fn parse_private_key(pem: &str) -> PkiResult<KeyPair> {
    KeyPair::from_pem(pem).map_err(|_| {
        err("the file is not a private key vauth can read (PKCS#8, SEC1 or PKCS#1 PEM)")
    })
}

/// Whether `key` is the private key of the certificate `cert_der`.
pub fn key_matches_cert(key: &KeyPair, cert_der: &[u8]) -> bool {
    match X509Certificate::from_der(cert_der) {
        Ok((_, c)) => c.public_key().raw == key.subject_public_key_info().as_slice(),
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------------------------
// CRLs

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

// ---------------------------------------------------------------------------------------------
// PKCS#12

/// A PKCS#12 bundle (PBES2/AES-256-CBC, HMAC-SHA256; OpenSSL 3 opens it without -legacy).
/// `key_der` is PKCS#8 DER; `chain_der` the leaf first, then its CAs.
pub fn make_p12(
    alias: &str,
    key_der: Option<&[u8]>,
    chain_der: &[Vec<u8>],
    password: &str,
) -> PkiResult<Zeroizing<Vec<u8>>> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let certs = chain_der
        .iter()
        .map(|d| Certificate::from_der(d).map_err(|e| err(format!("PKCS#12: {e}"))))
        .collect::<PkiResult<Vec<_>>>()?;
    let mut ks = KeyStore::new();
    match key_der {
        Some(k) => {
            let key = PrivateKey::from_der(k).map_err(|e| err(format!("PKCS#12 key: {e}")))?;
            let id = sha2::Sha256::digest(chain_der.first().map_or(&[][..], |v| v.as_slice()));
            let chain = PrivateKeyChain::new(id[..20].to_vec(), key, certs);
            ks.add_entry(alias, KeyStoreEntry::PrivateKeyChain(chain));
        }
        None => {
            for (i, c) in certs.into_iter().enumerate() {
                ks.add_entry(&format!("{alias}-{i}"), KeyStoreEntry::Certificate(c));
            }
        }
    }
    ks.writer(password)
        .write()
        .map(Zeroizing::new)
        .map_err(|e| err(format!("cannot write PKCS#12: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_specs() {
        assert_eq!(KeySpec::resolve(None, None, None).unwrap(), KeySpec::P256);
        assert_eq!(
            KeySpec::resolve(Some("ec"), Some("P-384"), None).unwrap(),
            KeySpec::P384
        );
        assert_eq!(
            KeySpec::resolve(None, Some("Ed25519"), None).unwrap(),
            KeySpec::Ed25519
        );
        assert_eq!(
            KeySpec::resolve(Some("RSA"), None, Some(3072)).unwrap(),
            KeySpec::Rsa3072
        );
        assert!(KeySpec::resolve(Some("RSA"), None, Some(1024)).is_err());
        assert!(KeySpec::resolve(Some("EC"), Some("Ed25519"), None).is_err());
        assert!(KeySpec::resolve(Some("EC"), None, Some(2048)).is_err());
        assert!(KeySpec::resolve(Some("DSA"), None, None).is_err());
    }

    #[test]
    fn serials() {
        for _ in 0..100 {
            let s = random_serial().unwrap().to_bytes();
            assert_eq!(s.len(), 20);
            assert!(s[0] < 0x80);
        }
        assert_eq!(serial_hex(&[0, 0, 0xab]), "ab");
        assert_eq!(normalize_serial("00:AB:cd").as_deref(), Some("abcd"));
        assert_eq!(normalize_serial("0xFF").as_deref(), Some("ff"));
        assert_eq!(normalize_serial("zz"), None);
    }

    #[test]
    fn sans_parse() {
        assert_eq!(
            San::parse("dns:A.example.com").unwrap(),
            San::Dns("a.example.com".into())
        );
        assert_eq!(
            San::parse("10.0.0.1").unwrap(),
            San::Ip("10.0.0.1".parse().unwrap())
        );
        assert_eq!(
            San::parse("ip:::1").unwrap(),
            San::Ip("::1".parse().unwrap())
        );
        assert!(San::parse("uri:spiffe://prod.example/ns/a").is_ok());
        assert!(San::parse("email:a@example.com").is_ok());
        for bad in [
            "dns:-x.com",
            "ip:300.1.1.1",
            "email:nope",
            "uri:relative/path",
            "ftp:x",
            "dns:a..b",
            "dns:",
        ] {
            assert!(San::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn constraints() {
        let dns = vec!["example.com".to_string(), ".corp.net".to_string()];
        let ips = vec![Cidr::parse("10.0.0.0/8").unwrap()];
        let ok = |s: &str| constraint_violation(&[San::parse(s).unwrap()], &dns, &ips).is_none();
        assert!(ok("dns:example.com"));
        assert!(ok("dns:a.example.com"));
        assert!(ok("dns:*.example.com"));
        assert!(!ok("dns:badexample.com"));
        assert!(ok("dns:db.corp.net"));
        assert!(!ok("dns:corp.net"));
        assert!(ok("ip:10.1.2.3"));
        assert!(!ok("ip:11.0.0.1"));
        assert!(ok("email:me@example.com"));
        assert!(!ok("email:me@evil.com"));
        assert!(ok("uri:spiffe://example.com/x"));
        assert!(!ok("uri:spiffe://evil.com/x"));
        // Unconstrained CA.
        assert!(constraint_violation(&[San::parse("dns:x.y").unwrap()], &[], &[]).is_none());
        // Only DNS constraints: IPs are refused.
        assert!(constraint_violation(&[San::parse("ip:1.2.3.4").unwrap()], &dns, &[]).is_some());
        assert!(
            Cidr::parse("::/0")
                .unwrap()
                .contains("fe80::1".parse().unwrap())
        );
        assert!(
            Cidr::parse("0.0.0.0/0")
                .unwrap()
                .contains("1.2.3.4".parse().unwrap())
        );
        assert!(
            !Cidr::parse("10.0.0.0/8")
                .unwrap()
                .contains("::1".parse().unwrap())
        );
        assert!(Cidr::parse("10.0.0.0/33").is_err());
    }

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
