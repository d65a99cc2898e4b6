
use builtin;
use str;

set edit:completion:arg-completer[vauth] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'vauth'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'vauth'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the home (config, state, vault, audit log); safe to run again'
            cand status 'Show the home, its vault protection, counts, and what expires soon'
            cand key 'Generate, list, rotate, revoke and verify API keys'
            cand jwt 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens'
            cand audit 'Read and verify the hash-chained audit log'
            cand vault 'Manage the vault''s protection'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (vauth(1), or the page of a subcommand)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;init'= {
            cand --protect 'How to protect the vault [default: keyring when reachable, else key-file; master-key when VAUTH_MASTER_KEY is set; passphrase with --passphrase-file]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;status'= {
            cand --within 'Report what expires within this window'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Generate a new API key and print it once'
            cand import 'Record a key made elsewhere (read from stdin or --key-file)'
            cand list 'List keys: name, id, version, status, created, expires, age, scopes'
            cand show 'Show one key and all its versions (the secret only with --reveal)'
            cand verify 'Check a presented key: exit 0 valid, 1 invalid with the reason'
            cand rotate 'Make a new version active; the previous stays valid until the grace ends'
            cand revoke 'Invalidate a key (all versions, or one) now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;key;create'= {
            cand --prefix 'Key prefix [default: vk, or keys.prefix in vauth.toml]'
            cand --expires 'Expiry: a duration from now (90d) or an RFC 3339 time [default: keys.expires, or never]'
            cand --scope 'A scope to record (repeatable)'
            cand --label 'A label KEY=VALUE to record (repeatable)'
            cand --out 'Write the key to FILE (mode 0600) instead of stdout'
            cand --format 'Output format of the key'
            cand --var 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --no-keep 'Keep only the hash: the key can be verified but never shown or pushed again'
            cand --force 'Replace an existing key of the same name (its versions are revoked), or overwrite --out'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;import'= {
            cand --key-file 'Read the key from FILE instead of stdin'
            cand --expires 'Expiry: a duration from now (90d) or an RFC 3339 time'
            cand --scope 'A scope to record (repeatable)'
            cand --label 'A label KEY=VALUE to record (repeatable)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --no-keep 'Keep only the hash'
            cand --subtle 'Accept a key with less than 128 bits of estimated entropy. Weakens the key''s security'
            cand --force 'Replace an existing key of the same name'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;list'= {
            cand --at 'Evaluate status at TIME instead of now (RFC 3339 or +DURATION)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;show'= {
            cand --version 'With --reveal: which version [default: the current one]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --reveal 'Print the kept plaintext (asks for confirmation; --yes answers it)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;verify'= {
            cand --key-file 'Read the presented key from FILE instead of stdin'
            cand --at 'Check validity at TIME instead of now (RFC 3339 or +DURATION)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;rotate'= {
            cand --grace 'How long the previous version stays valid [default: keys.grace, or 24h]'
            cand --expires 'Expiry of the new version [default: the same lifetime as the previous one]'
            cand --out 'Write the key to FILE (mode 0600) instead of stdout'
            cand --format 'Output format of the key'
            cand --var 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --no-keep 'Keep only the hash of the new version'
            cand --force 'Overwrite --out'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;revoke'= {
            cand --version 'Revoke only this version [default: every version]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;key;help'= {
            cand create 'Generate a new API key and print it once'
            cand import 'Record a key made elsewhere (read from stdin or --key-file)'
            cand list 'List keys: name, id, version, status, created, expires, age, scopes'
            cand show 'Show one key and all its versions (the secret only with --reveal)'
            cand verify 'Check a presented key: exit 0 valid, 1 invalid with the reason'
            cand rotate 'Make a new version active; the previous stays valid until the grace ends'
            cand revoke 'Invalidate a key (all versions, or one) now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;key;help;create'= {
        }
        &'vauth;key;help;import'= {
        }
        &'vauth;key;help;list'= {
        }
        &'vauth;key;help;show'= {
        }
        &'vauth;key;help;verify'= {
        }
        &'vauth;key;help;rotate'= {
        }
        &'vauth;key;help;revoke'= {
        }
        &'vauth;key;help;help'= {
        }
        &'vauth;jwt'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand key 'Manage signing keys: create, list, show, rotate, retire, export'
            cand jwks 'Print the JWKS of the active and in-grace asymmetric signing keys'
            cand oidc 'Write OpenID discovery + JWKS files for static hosting'
            cand sign 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
            cand verify 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
            cand inspect 'Decode a token (stdin or --token-file) without verifying anything'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;jwt;key'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Generate a signing key: private part in the vault, public JWK in state.json'
            cand list 'List signing keys and their versions'
            cand show 'Show one signing key and all its versions'
            cand rotate 'Make a new version sign; the previous one keeps verifying until the grace ends'
            cand retire 'Stop a key (every version, or one) from signing and verifying now'
            cand export 'Export the public key of the current version as PEM or JWK'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;jwt;key;create'= {
            cand --alg 'Signing algorithm'
            cand --rsa-bits 'RSA modulus size for RS*/PS* keys'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --force 'Replace an existing key of the same name (its versions are retired)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;list'= {
            cand --at 'Evaluate status at TIME instead of now (RFC 3339 or +DURATION)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;show'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;rotate'= {
            cand --grace 'How long the previous version keeps verifying [default: jwt.max_lifetime, 24h]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;retire'= {
            cand --version 'Only this version [default: all]'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;export'= {
            cand --format 'Output format'
            cand --version 'Which version [default: the current one]'
            cand --out 'Write to FILE instead of stdout'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --public 'Export the public key (the only export there is: private keys stay in the vault)'
            cand --force 'Overwrite --out'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;key;help'= {
            cand create 'Generate a signing key: private part in the vault, public JWK in state.json'
            cand list 'List signing keys and their versions'
            cand show 'Show one signing key and all its versions'
            cand rotate 'Make a new version sign; the previous one keeps verifying until the grace ends'
            cand retire 'Stop a key (every version, or one) from signing and verifying now'
            cand export 'Export the public key of the current version as PEM or JWK'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;jwt;key;help;create'= {
        }
        &'vauth;jwt;key;help;list'= {
        }
        &'vauth;jwt;key;help;show'= {
        }
        &'vauth;jwt;key;help;rotate'= {
        }
        &'vauth;jwt;key;help;retire'= {
        }
        &'vauth;jwt;key;help;export'= {
        }
        &'vauth;jwt;key;help;help'= {
        }
        &'vauth;jwt;jwks'= {
            cand --out 'Write to FILE (atomically) instead of stdout'
            cand --at 'Evaluate which versions are published at TIME instead of now'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;oidc'= {
            cand --issuer 'The issuer URL (https), exactly as tokens carry it in `iss`'
            cand --out-dir 'Directory to write into (created if missing)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;sign'= {
            cand --key 'A vauth signing key (current version signs; verification pins its algorithm)'
            cand --secret-file 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)'
            cand --secret-env 'Read an external HMAC secret from the environment variable VAR'
            cand --alg 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]'
            cand --sub '`sub` claim'
            cand --iss '`iss` claim'
            cand --aud '`aud` claim (repeatable: several make an array)'
            cand --exp 'Expiry: a lifetime (15m) or an RFC 3339 time [default: jwt.lifetime, 15m]'
            cand --nbf 'Not-before: a duration from now or an RFC 3339 time'
            cand --jti '`jti` claim [default: random per token]'
            cand --claim 'An extra claim KEY=VALUE; VALUE is JSON if it parses, else a string (repeatable)'
            cand --claims-file 'Read extra claims from a JSON object in FILE (flags win)'
            cand --qdrant-access 'Qdrant: global access, r (read-only) or m (manage)'
            cand --qdrant-collection 'Qdrant: access to one collection, NAME=r|rw|prw (repeatable)'
            cand --qdrant-value-exists 'Qdrant: only valid while COLLECTION holds a point with KEY=VALUE (repeatable)'
            cand --count 'Mint N tokens (one per line; JSON lines with --json)'
            cand --subjects 'Mint one token per subject, read one per line from FILE (`-` = stdin)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --no-exp 'Mint a token without exp (needs --subtle): it never expires'
            cand --subtle 'Allow what is unsafe: --no-exp'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;verify'= {
            cand --key 'A vauth signing key (current version signs; verification pins its algorithm)'
            cand --secret-file 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)'
            cand --secret-env 'Read an external HMAC secret from the environment variable VAR'
            cand --alg 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]'
            cand --jwks 'Verify against a JWKS file; the token''s kid picks the key'
            cand --pem 'Verify against a PEM public key (or certificate)'
            cand --token-file 'Read the token from FILE instead of stdin'
            cand --iss 'Accepted issuer (repeatable; required unless --subtle)'
            cand --aud 'Accepted audience (repeatable; one match is enough; required unless --subtle)'
            cand --leeway 'Allowed clock skew for exp/nbf (at most 5m)'
            cand --at 'Judge exp/nbf at TIME instead of now'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --subtle 'Do not require --iss/--aud, and accept a token without exp'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;inspect'= {
            cand --token-file 'Read the token from FILE instead of stdin'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;jwt;help'= {
            cand key 'Manage signing keys: create, list, show, rotate, retire, export'
            cand jwks 'Print the JWKS of the active and in-grace asymmetric signing keys'
            cand oidc 'Write OpenID discovery + JWKS files for static hosting'
            cand sign 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
            cand verify 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
            cand inspect 'Decode a token (stdin or --token-file) without verifying anything'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;jwt;help;key'= {
            cand create 'Generate a signing key: private part in the vault, public JWK in state.json'
            cand list 'List signing keys and their versions'
            cand show 'Show one signing key and all its versions'
            cand rotate 'Make a new version sign; the previous one keeps verifying until the grace ends'
            cand retire 'Stop a key (every version, or one) from signing and verifying now'
            cand export 'Export the public key of the current version as PEM or JWK'
        }
        &'vauth;jwt;help;key;create'= {
        }
        &'vauth;jwt;help;key;list'= {
        }
        &'vauth;jwt;help;key;show'= {
        }
        &'vauth;jwt;help;key;rotate'= {
        }
        &'vauth;jwt;help;key;retire'= {
        }
        &'vauth;jwt;help;key;export'= {
        }
        &'vauth;jwt;help;jwks'= {
        }
        &'vauth;jwt;help;oidc'= {
        }
        &'vauth;jwt;help;sign'= {
        }
        &'vauth;jwt;help;verify'= {
        }
        &'vauth;jwt;help;inspect'= {
        }
        &'vauth;jwt;help;help'= {
        }
        &'vauth;audit'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Print the audit log (newest last)'
            cand verify 'Check every line''s HMAC and hash chain; exit 1 at the first bad line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;audit;show'= {
            cand --limit 'Only the last N lines'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;audit;verify'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;audit;help'= {
            cand show 'Print the audit log (newest last)'
            cand verify 'Check every line''s HMAC and hash chain; exit 1 at the first bad line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;audit;help;show'= {
        }
        &'vauth;audit;help;verify'= {
        }
        &'vauth;audit;help;help'= {
        }
        &'vauth;vault'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand rekey 'Re-wrap the vault''s data key under another protection; no secret is lost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;vault;rekey'= {
            cand --protect 'The new protection'
            cand --new-passphrase-file 'Read the new passphrase from FILE (for --protect passphrase; else a prompt)'
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;vault;help'= {
            cand rekey 'Re-wrap the vault''s data key under another protection; no secret is lost'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;vault;help;rekey'= {
        }
        &'vauth;vault;help;help'= {
        }
        &'vauth;completions'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;man'= {
            cand --home 'The vauth home directory [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --json 'Print one JSON object per result on stdout; errors as JSON on stderr'
            cand -q 'Print nothing but the product and errors'
            cand --quiet 'Print nothing but the product and errors'
            cand -v 'Say more about what is happening (on stderr)'
            cand --verbose 'Say more about what is happening (on stderr)'
            cand --no-input 'Never prompt; fail (exit 3) naming the flag that answers the question'
            cand --yes 'Answer yes to confirmations (revoke, reveal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'vauth;help'= {
            cand init 'Create the home (config, state, vault, audit log); safe to run again'
            cand status 'Show the home, its vault protection, counts, and what expires soon'
            cand key 'Generate, list, rotate, revoke and verify API keys'
            cand jwt 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens'
            cand audit 'Read and verify the hash-chained audit log'
            cand vault 'Manage the vault''s protection'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (vauth(1), or the page of a subcommand)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;help;init'= {
        }
        &'vauth;help;status'= {
        }
        &'vauth;help;key'= {
            cand create 'Generate a new API key and print it once'
            cand import 'Record a key made elsewhere (read from stdin or --key-file)'
            cand list 'List keys: name, id, version, status, created, expires, age, scopes'
            cand show 'Show one key and all its versions (the secret only with --reveal)'
            cand verify 'Check a presented key: exit 0 valid, 1 invalid with the reason'
            cand rotate 'Make a new version active; the previous stays valid until the grace ends'
            cand revoke 'Invalidate a key (all versions, or one) now'
        }
        &'vauth;help;key;create'= {
        }
        &'vauth;help;key;import'= {
        }
        &'vauth;help;key;list'= {
        }
        &'vauth;help;key;show'= {
        }
        &'vauth;help;key;verify'= {
        }
        &'vauth;help;key;rotate'= {
        }
        &'vauth;help;key;revoke'= {
        }
        &'vauth;help;jwt'= {
            cand key 'Manage signing keys: create, list, show, rotate, retire, export'
            cand jwks 'Print the JWKS of the active and in-grace asymmetric signing keys'
            cand oidc 'Write OpenID discovery + JWKS files for static hosting'
            cand sign 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
            cand verify 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
            cand inspect 'Decode a token (stdin or --token-file) without verifying anything'
        }
        &'vauth;help;jwt;key'= {
            cand create 'Generate a signing key: private part in the vault, public JWK in state.json'
            cand list 'List signing keys and their versions'
            cand show 'Show one signing key and all its versions'
            cand rotate 'Make a new version sign; the previous one keeps verifying until the grace ends'
            cand retire 'Stop a key (every version, or one) from signing and verifying now'
            cand export 'Export the public key of the current version as PEM or JWK'
        }
        &'vauth;help;jwt;key;create'= {
        }
        &'vauth;help;jwt;key;list'= {
        }
        &'vauth;help;jwt;key;show'= {
        }
        &'vauth;help;jwt;key;rotate'= {
        }
        &'vauth;help;jwt;key;retire'= {
        }
        &'vauth;help;jwt;key;export'= {
        }
        &'vauth;help;jwt;jwks'= {
        }
        &'vauth;help;jwt;oidc'= {
        }
        &'vauth;help;jwt;sign'= {
        }
        &'vauth;help;jwt;verify'= {
        }
        &'vauth;help;jwt;inspect'= {
        }
        &'vauth;help;audit'= {
            cand show 'Print the audit log (newest last)'
            cand verify 'Check every line''s HMAC and hash chain; exit 1 at the first bad line'
        }
        &'vauth;help;audit;show'= {
        }
        &'vauth;help;audit;verify'= {
        }
        &'vauth;help;vault'= {
            cand rekey 'Re-wrap the vault''s data key under another protection; no secret is lost'
        }
        &'vauth;help;vault;rekey'= {
        }
        &'vauth;help;completions'= {
        }
        &'vauth;help;man'= {
        }
        &'vauth;help;help'= {
        }
    ]
    $completions[$command]
}
