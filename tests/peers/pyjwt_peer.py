"""An independent JWT implementation (PyJWT + cryptography) for vauth's cross-checks.

Used by tests/jwt_peers.rs; never by vauth itself.

  keygen ALG PRIV_OUT PUB_OUT          write a fresh PKCS#8 private key and SPKI public key (PEM)
  sign ALG KEY_FILE CLAIMS_JSON        print a token signed with the private key / HMAC secret
  verify ALG KEY_FILE TOKEN_FILE AUD ISS
                                       verify (signature, exp, aud, iss); print the claims as JSON
  jwks DIR TOKEN_FILE AUD ISS          serve DIR on loopback, fetch DIR/jwks.json with PyJWKClient,
                                       pick the key by the token's kid, verify; print the claims
Exit 0 on success, 1 when PyJWT rejects the token (the reason on stderr).
"""
import functools
import http.server
import json
import sys
import threading

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa


def keygen(alg, priv_out, pub_out):
    if alg.startswith(("RS", "PS")):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif alg == "ES256":
        key = ec.generate_private_key(ec.SECP256R1())
    elif alg == "ES384":
        key = ec.generate_private_key(ec.SECP384R1())
    elif alg == "EdDSA":
        key = ed25519.Ed25519PrivateKey.generate()
    else:
        raise SystemExit(f"keygen: unsupported {alg}")
    with open(priv_out, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    with open(pub_out, "wb") as f:
        f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def key_for(alg, path):
    data = read(path)
    return data.rstrip(b"\r\n") if alg.startswith("HS") else data


def main(argv):
    cmd = argv[1]
    if cmd == "keygen":
        keygen(argv[2], argv[3], argv[4])
        return 0
    if cmd == "sign":
        alg, key_file, claims = argv[2], argv[3], json.loads(argv[4])
        print(jwt.encode(claims, key_for(alg, key_file), algorithm=alg))
        return 0
    try:
        if cmd == "verify":
            alg, key_file, token_file, aud, iss = argv[2:7]
            token = read(token_file).decode().strip()
            claims = jwt.decode(token, key_for(alg, key_file), algorithms=[alg], audience=aud,
                                issuer=iss, options={"require": ["exp", "iat"]})
        elif cmd == "jwks":
            directory, token_file, aud, iss = argv[2:6]
            token = read(token_file).decode().strip()
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
            handler.log_message = lambda *a, **k: None
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
            client = jwt.PyJWKClient(url, cache_keys=False)
            signing = client.get_signing_key_from_jwt(token)
            alg = jwt.get_unverified_header(token)["alg"]
            claims = jwt.decode(token, signing.key, algorithms=[alg], audience=aud, issuer=iss,
                                options={"require": ["exp", "iat"]})
            server.shutdown()
        else:
            raise SystemExit(f"unknown command {cmd}")
    except jwt.PyJWTError as e:
        print(f"pyjwt rejected: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(claims, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
