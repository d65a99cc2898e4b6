
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand ca 'Run the local CA: init, show, export the trust bundle, sign CRLs'
            cand cert 'Issue, list, verify, revoke, renew and export mTLS certificates'
            cand target 'Database admin endpoints that credentials are pushed to'
            cand push 'Put API keys or a certificate into a database, and prove it accepts them'
            cand rotate 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)'
            cand check 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)'
            cand audit 'Read and verify the hash-chained audit log'
            cand vault 'Manage the vault''s protection'
            cand home 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (vauth(1), or the page of a subcommand)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;init'= {
            cand --protect 'How to protect the vault [default: keyring when reachable, else key-file; master-key when VAUTH_MASTER_KEY is set; passphrase with --passphrase-file]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --on 'Let this target make the key (weaviate, pinecone, elasticsearch), and record it'
            cand --role 'With --on (weaviate, pinecone): a server-side role the key gets (repeatable), e.g. viewer, ProjectViewer'
            cand --role-descriptors 'With --on (elasticsearch): a JSON file holding the API key''s `role_descriptors` object [default: the admin''s own rights]'
            cand --adopt 'With --on: replace an existing user of this name that vauth did not create (weaviate)'
            cand --out 'Write the key to FILE (mode 0600) instead of stdout'
            cand --format 'Output format of the key'
            cand --var 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --no-keep 'Keep only the hash: the key can be verified but never shown or pushed again'
            cand --force 'Replace an existing key of the same name (its versions are revoked), or overwrite --out'
            cand --dry-run 'With --on: print the calls that would be made (secrets as ****) and change nothing'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --exec 'Run CMD (through sh -c) after a successful rotation, e.g. to restart the consumer. It gets VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION, VAUTH_GRACE_UNTIL, VAUTH_TARGETS — never the secret'
            cand --out 'Write the key to FILE (mode 0600) instead of stdout'
            cand --format 'Output format of the key'
            cand --var 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --for 'A qdrant target: sign HS256 with its admin API key, then probe the token there (GET /collections and each --qdrant-collection: 200; a wrongly signed token: refused)'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --jwks 'Verify against a JWKS file or https URL; the token''s kid picks the key'
            cand --ca-file 'Trust only these CA certificates (PEM) when fetching --jwks over https'
            cand --pem 'Verify against a PEM public key (or certificate)'
            cand --token-file 'Read the token from FILE instead of stdin'
            cand --iss 'Accepted issuer (repeatable; required unless --subtle)'
            cand --aud 'Accepted audience (repeatable; one match is enough; required unless --subtle)'
            cand --leeway 'Allowed clock skew for exp/nbf (at most 5m)'
            cand --at 'Judge exp/nbf at TIME instead of now'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;ca'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand init 'Create the local CA: a root, and optionally an intermediate that issues'
            cand show 'Show the CA: subjects, key types, validity, constraints, last CRL'
            cand export 'Print (or write) the trust bundle: root, then intermediate, as PEM'
            cand crl 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;ca;init'= {
            cand --name 'Subject CN of the root [default: "vauth root CA " and the home id]'
            cand --kty 'Key type: EC, OKP or RSA [default: EC]'
            cand --crv 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]'
            cand --curve 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]'
            cand --size 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]'
            cand --not-after 'End of the root''s validity (the intermediate ends one day earlier) [default: 10y]'
            cand --permit-dns 'Permit only this DNS subtree (repeatable); `example.com` covers its subdomains'
            cand --permit-ip 'Permit only this IP range (repeatable), e.g. 10.0.0.0/8'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --intermediate 'Also make an intermediate CA (pathlen 0) that signs leaves and CRLs'
            cand --force 'Replace an existing CA (asks for confirmation; --yes answers it)'
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
        &'vauth;ca;show'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;ca;export'= {
            cand --out 'Write to FILE (0644) instead of stdout'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --root-only 'Only the root certificate'
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
        &'vauth;ca;crl'= {
            cand --out 'Write to FILE instead of stdout (replaced atomically: servers can re-read it any time)'
            cand --next-update 'When the CRL expires; publish a new one before then [default: 7d]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --der 'DER instead of PEM'
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
        &'vauth;ca;help'= {
            cand init 'Create the local CA: a root, and optionally an intermediate that issues'
            cand show 'Show the CA: subjects, key types, validity, constraints, last CRL'
            cand export 'Print (or write) the trust bundle: root, then intermediate, as PEM'
            cand crl 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;ca;help;init'= {
        }
        &'vauth;ca;help;show'= {
        }
        &'vauth;ca;help;export'= {
        }
        &'vauth;ca;help;crl'= {
        }
        &'vauth;ca;help;help'= {
        }
        &'vauth;cert'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand issue 'Issue a client (default) or server certificate from the local CA'
            cand list 'List issued certificates, soonest expiry first'
            cand inspect 'Show a certificate file (or CSR) without trusting it'
            cand verify 'Check a certificate: chain to this CA, validity at --at, not revoked'
            cand revoke 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`'
            cand renew 'Issue a successor with the same subject, SANs and profile (new key by default)'
            cand export 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;cert;issue'= {
            cand --profile 'client or server'
            cand --cn 'Subject CN [default: NAME; for PostgreSQL cert auth, the role name]'
            cand --san 'A SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeatable)'
            cand --not-after 'End of validity: a duration (30d) or an RFC 3339 time; capped at the CA''s [default: 30d]'
            cand --kty 'Key type: EC, OKP or RSA [default: EC]'
            cand --crv 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]'
            cand --curve 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]'
            cand --size 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]'
            cand --csr 'Sign this CSR (PEM or DER) instead of generating a key'
            cand --batch 'Issue every line of FILE (JSON lines or CSV: name,cn,sans,profile); all or nothing'
            cand --out 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]'
            cand --cert-out 'Write the certificate (then the intermediate, if any) to FILE'
            cand --key-out 'Write the private key (PKCS#8 PEM, 0600) to FILE'
            cand --chain-out 'Write the CA chain to trust (root last) to FILE'
            cand --p12 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)'
            cand --p12-password-file 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]'
            cand --p12-password-env 'Read the PKCS#12 password from the environment variable NAME'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --keep-key 'Keep the private key sealed in the vault (enables `cert export --key-out`, `renew --reuse-key`)'
            cand --force 'Overwrite existing files'
            cand --replace 'Replace an existing certificate name (its certificates stay valid until revoked)'
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
        &'vauth;cert;list'= {
            cand --expiring-within 'Exit 1 when any active certificate expires within DURATION (lists only those)'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --all 'Also list revoked and expired certificates, and earlier ones of renewed names'
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
        &'vauth;cert;inspect'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;cert;verify'= {
            cand --at 'Check at TIME instead of now (RFC 3339 or +DURATION)'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;cert;revoke'= {
            cand --serial 'Revoke only the certificate with this serial (hex, colons allowed)'
            cand --reason 'RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;cert;renew'= {
            cand --key-file 'Reuse the private key in FILE (must match the current certificate)'
            cand --not-after 'End of validity [default: the same lifetime as the current certificate]'
            cand --out 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]'
            cand --cert-out 'Write the certificate (then the intermediate, if any) to FILE'
            cand --key-out 'Write the private key (PKCS#8 PEM, 0600) to FILE'
            cand --chain-out 'Write the CA chain to trust (root last) to FILE'
            cand --p12 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)'
            cand --p12-password-file 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]'
            cand --p12-password-env 'Read the PKCS#12 password from the environment variable NAME'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --reuse-key 'Reuse the kept key (needs --keep-key at issue) instead of a new one'
            cand --keep-key 'Keep the (new) key sealed in the vault'
            cand --force 'Overwrite existing files'
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
        &'vauth;cert;export'= {
            cand --out 'Write the PEM to FILE instead of stdout'
            cand --key-out 'Write the kept private key to FILE (0600); needs --keep-key at issue'
            cand --p12 'Write a PKCS#12 bundle (the key when kept, certificate, chain) to FILE (0600)'
            cand --p12-password-file 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]'
            cand --p12-password-env 'Read the PKCS#12 password from the environment variable NAME'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --chain 'Append the intermediate and root after the certificate'
            cand --force 'Overwrite existing files'
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
        &'vauth;cert;help'= {
            cand issue 'Issue a client (default) or server certificate from the local CA'
            cand list 'List issued certificates, soonest expiry first'
            cand inspect 'Show a certificate file (or CSR) without trusting it'
            cand verify 'Check a certificate: chain to this CA, validity at --at, not revoked'
            cand revoke 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`'
            cand renew 'Issue a successor with the same subject, SANs and profile (new key by default)'
            cand export 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;cert;help;issue'= {
        }
        &'vauth;cert;help;list'= {
        }
        &'vauth;cert;help;inspect'= {
        }
        &'vauth;cert;help;verify'= {
        }
        &'vauth;cert;help;revoke'= {
        }
        &'vauth;cert;help;renew'= {
        }
        &'vauth;cert;help;export'= {
        }
        &'vauth;cert;help;help'= {
        }
        &'vauth;target'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand add 'Add a database admin endpoint (references only, never the password)'
            cand list 'List the configured targets'
            cand show 'Show one target and the credentials pushed to it'
            cand test 'Reach the server and check the admin credential (exit 4 with what failed)'
            cand drift 'Compare state.json with what the database holds (exit 1 on a difference)'
            cand remove 'Remove a target from vauth.toml (nothing on the server is changed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;target;add'= {
            cand --kind 'The database kind'
            cand --url 'Admin endpoint, naming the admin user but no password, e.g. postgres://admin@host:5432/db'
            cand --admin-password-env 'Environment variable that holds the admin password (postgres, redis, milvus, opensearch, elasticsearch: for the user the URL names)'
            cand --admin-password-file 'File that holds the admin password (first line)'
            cand --admin-key-env 'Environment variable that holds the admin API key (qdrant, weaviate, elasticsearch, chroma)'
            cand --admin-key-file 'File that holds the admin API key (first line)'
            cand --admin-client-id-env 'pinecone: environment variable that holds the service account''s client id'
            cand --admin-client-secret-env 'pinecone: environment variable that holds the service account''s client secret'
            cand --project 'pinecone: the project whose API keys vauth manages'
            cand --token-url 'pinecone: the OAuth token endpoint [default: <https://login.pinecone.io/oauth/token>]'
            cand --credentials-file 'chroma: the server''s token credentials file (YAML) that vauth keeps'
            cand --auth-header 'chroma: the header tokens travel in, as the server''s CHROMA_AUTH_TOKEN_TRANSPORT_HEADER says: authorization (`Authorization: Bearer <token>`, Chroma''s default) or x-chroma-token [default: authorization]'
            cand --client-cert 'A certificate of this home (issued with --keep-key) that vauth presents to the server, for servers that require client certificates (needs TLS)'
            cand --timeout 'Seconds one request may take [default: 10]'
            cand --ca-file 'PEM CA that signed the server''s certificate (postgres: turns TLS on, verified; https targets: the only CA trusted)'
            cand --prefix 'Prefix of the users/roles vauth creates on this target'
            cand --apply 'chroma, qdrant (servers that read credentials at start-up): a command (sh -c) that hands what vauth rendered to the server and restarts it, e.g. `systemctl restart chroma`. push, key rotate and rotate apply run it, wait for the server and probe in the same run; the rendered file''s path is in VAUTH_APPLY_FILE — never a secret on its argv or environment'
            cand --restart-wait 'How long to wait for the server after --apply, e.g. 90s, 5m [default: 60s]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --insecure 'Allow a non-loopback host without TLS. Credentials then cross the network in the clear'
            cand --force 'Replace a target of the same name'
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
        &'vauth;target;list'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;target;show'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;target;test'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;target;drift'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;target;remove'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;target;help'= {
            cand add 'Add a database admin endpoint (references only, never the password)'
            cand list 'List the configured targets'
            cand show 'Show one target and the credentials pushed to it'
            cand test 'Reach the server and check the admin credential (exit 4 with what failed)'
            cand drift 'Compare state.json with what the database holds (exit 1 on a difference)'
            cand remove 'Remove a target from vauth.toml (nothing on the server is changed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;target;help;add'= {
        }
        &'vauth;target;help;list'= {
        }
        &'vauth;target;help;show'= {
        }
        &'vauth;target;help;test'= {
        }
        &'vauth;target;help;drift'= {
        }
        &'vauth;target;help;remove'= {
        }
        &'vauth;target;help;help'= {
        }
        &'vauth;push'= {
            cand --to 'The target (see `vauth target list`)'
            cand --grant 'postgres: a privilege for the group role, as in `GRANT <this> TO role` (repeatable), e.g. "SELECT ON items"'
            cand --pattern 'redis: a key pattern the user may touch (repeatable; default: USER:*, its own keys)'
            cand --category 'redis: a command rule such as +@read or -@dangerous (repeatable; default: +@read, +@write, +@connection, -@dangerous)'
            cand --role 'weaviate, milvus, opensearch, pinecone: a server-side role the user or key gets (repeatable), e.g. viewer, ProjectViewer; chroma: the user''s one `role:` in the credentials file (simple RBAC; kept when a later push names none); postgres certificates: a group role the CN role joins (e.g. the +group of a `hostssl … cert` line)'
            cand --role-descriptors 'elasticsearch: a JSON file holding the API key''s `role_descriptors` object'
            cand --adopt 'Take over an existing user/role of this name that vauth did not create'
            cand --exec 'Run CMD (through sh -c) after a successful push, e.g. to restart the consumer. It gets VAUTH_EVENT=push, VAUTH_KEY, VAUTH_VERSION, VAUTH_TARGET, VAUTH_USER — never the secret'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --cert 'CREDENTIAL names a certificate (needed only when an API key has the same name)'
            cand --dry-run 'Print the commands that would run (secrets as ****) and change nothing'
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
        &'vauth;rotate'= {
            cand --only 'Only these credentials (repeatable) [default: every policy]'
            cand --lock-timeout 'How long to wait for another run holding the home''s lock [default: 60s]'
            cand --exec 'Run CMD (sh -c) after each credential rotated, with VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_KIND, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION — never the secret'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand plan 'What is due and why (exit 0: nothing due, 1: something due)'
            cand apply 'Rotate what is due (or NAMEs): create, push, probe, make current'
            cand finalize 'Revoke predecessors whose grace ended and whose successor probed everywhere'
            cand outputs 'Deliver the current version to its policy''s outputs again (after exit 5)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;rotate;plan'= {
            cand --at 'Plan as of this time (RFC 3339, or a duration from now) [default: now]'
            cand --only 'Only these credentials (repeatable)'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;rotate;apply'= {
            cand --lock-timeout 'How long to wait for another run holding the home''s lock [default: 60s]'
            cand --exec 'Run CMD (sh -c) after each credential rotated (see `vauth rotate --help`)'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
            cand --color 'When to color messages'
            cand --passphrase-file 'Read the vault passphrase from FILE (first line; `-` = stdin)'
            cand --due 'Rotate every credential whose policy says it is due (and resume unfinished ones)'
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
        &'vauth;rotate;finalize'= {
            cand --only 'Only these credentials (repeatable)'
            cand --lock-timeout 'How long to wait for another run holding the home''s lock [default: 60s]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;rotate;outputs'= {
            cand --lock-timeout 'How long to wait for another run holding the home''s lock [default: 60s]'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;rotate;help'= {
            cand plan 'What is due and why (exit 0: nothing due, 1: something due)'
            cand apply 'Rotate what is due (or NAMEs): create, push, probe, make current'
            cand finalize 'Revoke predecessors whose grace ended and whose successor probed everywhere'
            cand outputs 'Deliver the current version to its policy''s outputs again (after exit 5)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;rotate;help;plan'= {
        }
        &'vauth;rotate;help;apply'= {
        }
        &'vauth;rotate;help;finalize'= {
        }
        &'vauth;rotate;help;outputs'= {
        }
        &'vauth;rotate;help;help'= {
        }
        &'vauth;check'= {
            cand --within 'Also report what expires or falls due within this window'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;audit'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand rekey 'Re-key the vault: a new data key; every secret is re-sealed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;vault;rekey'= {
            cand --protect 'The new protection'
            cand --new-passphrase-file 'Read the new passphrase from FILE (for --protect passphrase; else a prompt)'
            cand --new-master-key-env 'Read the new master key (base64 of 32 bytes) from the environment variable NAME (for --protect master-key; never the variable that opens the vault now)'
            cand --new-master-key-file 'Read the new master key (base64 of 32 bytes) from FILE (`-` = stdin)'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand rekey 'Re-key the vault: a new data key; every secret is re-sealed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;vault;help;rekey'= {
        }
        &'vauth;vault;help;help'= {
        }
        &'vauth;home'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand export 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
            cand import 'Copy the directory home at DIR into this home, which must not exist yet'
            cand config 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;home;export'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;home;import'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;home;config'= {
            cand --set 'Replace vauth.toml with FILE (`-` = stdin) after checking it'
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
        &'vauth;home;help'= {
            cand export 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
            cand import 'Copy the directory home at DIR into this home, which must not exist yet'
            cand config 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vauth;home;help;export'= {
        }
        &'vauth;home;help;import'= {
        }
        &'vauth;home;help;config'= {
        }
        &'vauth;home;help;help'= {
        }
        &'vauth;completions'= {
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand --home 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]'
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
            cand ca 'Run the local CA: init, show, export the trust bundle, sign CRLs'
            cand cert 'Issue, list, verify, revoke, renew and export mTLS certificates'
            cand target 'Database admin endpoints that credentials are pushed to'
            cand push 'Put API keys or a certificate into a database, and prove it accepts them'
            cand rotate 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)'
            cand check 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)'
            cand audit 'Read and verify the hash-chained audit log'
            cand vault 'Manage the vault''s protection'
            cand home 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml'
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
        &'vauth;help;ca'= {
            cand init 'Create the local CA: a root, and optionally an intermediate that issues'
            cand show 'Show the CA: subjects, key types, validity, constraints, last CRL'
            cand export 'Print (or write) the trust bundle: root, then intermediate, as PEM'
            cand crl 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
        }
        &'vauth;help;ca;init'= {
        }
        &'vauth;help;ca;show'= {
        }
        &'vauth;help;ca;export'= {
        }
        &'vauth;help;ca;crl'= {
        }
        &'vauth;help;cert'= {
            cand issue 'Issue a client (default) or server certificate from the local CA'
            cand list 'List issued certificates, soonest expiry first'
            cand inspect 'Show a certificate file (or CSR) without trusting it'
            cand verify 'Check a certificate: chain to this CA, validity at --at, not revoked'
            cand revoke 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`'
            cand renew 'Issue a successor with the same subject, SANs and profile (new key by default)'
            cand export 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
        }
        &'vauth;help;cert;issue'= {
        }
        &'vauth;help;cert;list'= {
        }
        &'vauth;help;cert;inspect'= {
        }
        &'vauth;help;cert;verify'= {
        }
        &'vauth;help;cert;revoke'= {
        }
        &'vauth;help;cert;renew'= {
        }
        &'vauth;help;cert;export'= {
        }
        &'vauth;help;target'= {
            cand add 'Add a database admin endpoint (references only, never the password)'
            cand list 'List the configured targets'
            cand show 'Show one target and the credentials pushed to it'
            cand test 'Reach the server and check the admin credential (exit 4 with what failed)'
            cand drift 'Compare state.json with what the database holds (exit 1 on a difference)'
            cand remove 'Remove a target from vauth.toml (nothing on the server is changed)'
        }
        &'vauth;help;target;add'= {
        }
        &'vauth;help;target;list'= {
        }
        &'vauth;help;target;show'= {
        }
        &'vauth;help;target;test'= {
        }
        &'vauth;help;target;drift'= {
        }
        &'vauth;help;target;remove'= {
        }
        &'vauth;help;push'= {
        }
        &'vauth;help;rotate'= {
            cand plan 'What is due and why (exit 0: nothing due, 1: something due)'
            cand apply 'Rotate what is due (or NAMEs): create, push, probe, make current'
            cand finalize 'Revoke predecessors whose grace ended and whose successor probed everywhere'
            cand outputs 'Deliver the current version to its policy''s outputs again (after exit 5)'
        }
        &'vauth;help;rotate;plan'= {
        }
        &'vauth;help;rotate;apply'= {
        }
        &'vauth;help;rotate;finalize'= {
        }
        &'vauth;help;rotate;outputs'= {
        }
        &'vauth;help;check'= {
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
            cand rekey 'Re-key the vault: a new data key; every secret is re-sealed'
        }
        &'vauth;help;vault;rekey'= {
        }
        &'vauth;help;home'= {
            cand export 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
            cand import 'Copy the directory home at DIR into this home, which must not exist yet'
            cand config 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)'
        }
        &'vauth;help;home;export'= {
        }
        &'vauth;help;home;import'= {
        }
        &'vauth;help;home;config'= {
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
