
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'vauth' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'vauth'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'vauth' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the home (config, state, vault, audit log); safe to run again')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the home, its vault protection, counts, and what expires soon')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Generate, list, rotate, revoke and verify API keys')
            [CompletionResult]::new('jwt', 'jwt', [CompletionResultType]::ParameterValue, 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Run the local CA: init, show, export the trust bundle, sign CRLs')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Issue, list, verify, revoke, renew and export mTLS certificates')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Database admin endpoints that credentials are pushed to')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Put API keys or a certificate into a database, and prove it accepts them')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit log')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Manage the vault''s protection')
            [CompletionResult]::new('home', 'home', [CompletionResultType]::ParameterValue, 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (vauth(1), or the page of a subcommand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;init' {
            [CompletionResult]::new('--protect', '--protect', [CompletionResultType]::ParameterName, 'How to protect the vault [default: keyring when reachable, else key-file; master-key when VAUTH_MASTER_KEY is set; passphrase with --passphrase-file]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;status' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Report what expires within this window')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a new API key and print it once')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record a key made elsewhere (read from stdin or --key-file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys: name, id, version, status, created, expires, age, scopes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key and all its versions (the secret only with --reveal)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a presented key: exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version active; the previous stays valid until the grace ends')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Invalidate a key (all versions, or one) now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;key;create' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Key prefix [default: vk, or keys.prefix in vauth.toml]')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry: a duration from now (90d) or an RFC 3339 time [default: keys.expires, or never]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'A scope to record (repeatable)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label KEY=VALUE to record (repeatable)')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'Let this target make the key (weaviate, pinecone, elasticsearch), and record it')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'With --on (weaviate, pinecone): a server-side role the key gets (repeatable), e.g. viewer, ProjectViewer')
            [CompletionResult]::new('--role-descriptors', '--role-descriptors', [CompletionResultType]::ParameterName, 'With --on (elasticsearch): a JSON file holding the API key''s `role_descriptors` object [default: the admin''s own rights]')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'With --on: replace an existing user of this name that vauth did not create (weaviate)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the key')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--no-keep', '--no-keep', [CompletionResultType]::ParameterName, 'Keep only the hash: the key can be verified but never shown or pushed again')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key of the same name (its versions are revoked), or overwrite --out')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --on: print the calls that would be made (secrets as ****) and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;import' {
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the key from FILE instead of stdin')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry: a duration from now (90d) or an RFC 3339 time')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'A scope to record (repeatable)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A label KEY=VALUE to record (repeatable)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--no-keep', '--no-keep', [CompletionResultType]::ParameterName, 'Keep only the hash')
            [CompletionResult]::new('--subtle', '--subtle', [CompletionResultType]::ParameterName, 'Accept a key with less than 128 bits of estimated entropy. Weakens the key''s security')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key of the same name')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;list' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Evaluate status at TIME instead of now (RFC 3339 or +DURATION)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;show' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'With --reveal: which version [default: the current one]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the kept plaintext (asks for confirmation; --yes answers it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;verify' {
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the presented key from FILE instead of stdin')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Check validity at TIME instead of now (RFC 3339 or +DURATION)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;rotate' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the previous version stays valid [default: keys.grace, or 24h]')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry of the new version [default: the same lifetime as the previous one]')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CMD (through sh -c) after a successful rotation, e.g. to restart the consumer. It gets VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION, VAUTH_GRACE_UNTIL, VAUTH_TARGETS — never the secret')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the key')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--no-keep', '--no-keep', [CompletionResultType]::ParameterName, 'Keep only the hash of the new version')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite --out')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;revoke' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Revoke only this version [default: every version]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;key;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a new API key and print it once')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record a key made elsewhere (read from stdin or --key-file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys: name, id, version, status, created, expires, age, scopes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key and all its versions (the secret only with --reveal)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a presented key: exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version active; the previous stays valid until the grace ends')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Invalidate a key (all versions, or one) now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;key;help;create' {
            break
        }
        'vauth;key;help;import' {
            break
        }
        'vauth;key;help;list' {
            break
        }
        'vauth;key;help;show' {
            break
        }
        'vauth;key;help;verify' {
            break
        }
        'vauth;key;help;rotate' {
            break
        }
        'vauth;key;help;revoke' {
            break
        }
        'vauth;key;help;help' {
            break
        }
        'vauth;jwt' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Manage signing keys: create, list, show, rotate, retire, export')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS of the active and in-grace asymmetric signing keys')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Write OpenID discovery + JWKS files for static hosting')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Mint a token (or many) signed by a vauth key or an external HMAC secret')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode a token (stdin or --token-file) without verifying anything')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;jwt;key' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a signing key: private part in the vault, public JWK in state.json')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys and their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one signing key and all its versions')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version sign; the previous one keeps verifying until the grace ends')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop a key (every version, or one) from signing and verifying now')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the public key of the current version as PEM or JWK')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;jwt;key;create' {
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm')
            [CompletionResult]::new('--rsa-bits', '--rsa-bits', [CompletionResultType]::ParameterName, 'RSA modulus size for RS*/PS* keys')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key of the same name (its versions are retired)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;list' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Evaluate status at TIME instead of now (RFC 3339 or +DURATION)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;rotate' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the previous version keeps verifying [default: jwt.max_lifetime, 24h]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;retire' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Only this version [default: all]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Which version [default: the current one]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--public', '--public', [CompletionResultType]::ParameterName, 'Export the public key (the only export there is: private keys stay in the vault)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite --out')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;key;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a signing key: private part in the vault, public JWK in state.json')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys and their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one signing key and all its versions')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version sign; the previous one keeps verifying until the grace ends')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop a key (every version, or one) from signing and verifying now')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the public key of the current version as PEM or JWK')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;jwt;key;help;create' {
            break
        }
        'vauth;jwt;key;help;list' {
            break
        }
        'vauth;jwt;key;help;show' {
            break
        }
        'vauth;jwt;key;help;rotate' {
            break
        }
        'vauth;jwt;key;help;retire' {
            break
        }
        'vauth;jwt;key;help;export' {
            break
        }
        'vauth;jwt;key;help;help' {
            break
        }
        'vauth;jwt;jwks' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Evaluate which versions are published at TIME instead of now')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;oidc' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The issuer URL (https), exactly as tokens carry it in `iss`')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Directory to write into (created if missing)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;sign' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'A vauth signing key (current version signs; verification pins its algorithm)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read an external HMAC secret from the environment variable VAR')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'A qdrant target: sign HS256 with its admin API key, then probe the token there (GET /collections and each --qdrant-collection: 200; a wrongly signed token: refused)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, '`sub` claim')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, '`iss` claim')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, '`aud` claim (repeatable: several make an array)')
            [CompletionResult]::new('--exp', '--exp', [CompletionResultType]::ParameterName, 'Expiry: a lifetime (15m) or an RFC 3339 time [default: jwt.lifetime, 15m]')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Not-before: a duration from now or an RFC 3339 time')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, '`jti` claim [default: random per token]')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'An extra claim KEY=VALUE; VALUE is JSON if it parses, else a string (repeatable)')
            [CompletionResult]::new('--claims-file', '--claims-file', [CompletionResultType]::ParameterName, 'Read extra claims from a JSON object in FILE (flags win)')
            [CompletionResult]::new('--qdrant-access', '--qdrant-access', [CompletionResultType]::ParameterName, 'Qdrant: global access, r (read-only) or m (manage)')
            [CompletionResult]::new('--qdrant-collection', '--qdrant-collection', [CompletionResultType]::ParameterName, 'Qdrant: access to one collection, NAME=r|rw|prw (repeatable)')
            [CompletionResult]::new('--qdrant-value-exists', '--qdrant-value-exists', [CompletionResultType]::ParameterName, 'Qdrant: only valid while COLLECTION holds a point with KEY=VALUE (repeatable)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Mint N tokens (one per line; JSON lines with --json)')
            [CompletionResult]::new('--subjects', '--subjects', [CompletionResultType]::ParameterName, 'Mint one token per subject, read one per line from FILE (`-` = stdin)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--no-exp', '--no-exp', [CompletionResultType]::ParameterName, 'Mint a token without exp (needs --subtle): it never expires')
            [CompletionResult]::new('--subtle', '--subtle', [CompletionResultType]::ParameterName, 'Allow what is unsafe: --no-exp')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;verify' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'A vauth signing key (current version signs; verification pins its algorithm)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read an external HMAC secret from the environment variable VAR')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Verify against a JWKS file or https URL; the token''s kid picks the key')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust only these CA certificates (PEM) when fetching --jwks over https')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Verify against a PEM public key (or certificate)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from FILE instead of stdin')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Accepted issuer (repeatable; required unless --subtle)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Accepted audience (repeatable; one match is enough; required unless --subtle)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Allowed clock skew for exp/nbf (at most 5m)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge exp/nbf at TIME instead of now')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--subtle', '--subtle', [CompletionResultType]::ParameterName, 'Do not require --iss/--aud, and accept a token without exp')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;inspect' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from FILE instead of stdin')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;jwt;help' {
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Manage signing keys: create, list, show, rotate, retire, export')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS of the active and in-grace asymmetric signing keys')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Write OpenID discovery + JWKS files for static hosting')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Mint a token (or many) signed by a vauth key or an external HMAC secret')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode a token (stdin or --token-file) without verifying anything')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;jwt;help;key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a signing key: private part in the vault, public JWK in state.json')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys and their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one signing key and all its versions')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version sign; the previous one keeps verifying until the grace ends')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop a key (every version, or one) from signing and verifying now')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the public key of the current version as PEM or JWK')
            break
        }
        'vauth;jwt;help;key;create' {
            break
        }
        'vauth;jwt;help;key;list' {
            break
        }
        'vauth;jwt;help;key;show' {
            break
        }
        'vauth;jwt;help;key;rotate' {
            break
        }
        'vauth;jwt;help;key;retire' {
            break
        }
        'vauth;jwt;help;key;export' {
            break
        }
        'vauth;jwt;help;jwks' {
            break
        }
        'vauth;jwt;help;oidc' {
            break
        }
        'vauth;jwt;help;sign' {
            break
        }
        'vauth;jwt;help;verify' {
            break
        }
        'vauth;jwt;help;inspect' {
            break
        }
        'vauth;jwt;help;help' {
            break
        }
        'vauth;ca' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the local CA: a root, and optionally an intermediate that issues')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CA: subjects, key types, validity, constraints, last CRL')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print (or write) the trust bundle: root, then intermediate, as PEM')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;ca;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Subject CN of the root [default: "vauth root CA " and the home id]')
            [CompletionResult]::new('--kty', '--kty', [CompletionResultType]::ParameterName, 'Key type: EC, OKP or RSA [default: EC]')
            [CompletionResult]::new('--crv', '--crv', [CompletionResultType]::ParameterName, 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]')
            [CompletionResult]::new('--curve', '--curve', [CompletionResultType]::ParameterName, 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of the root''s validity (the intermediate ends one day earlier) [default: 10y]')
            [CompletionResult]::new('--permit-dns', '--permit-dns', [CompletionResultType]::ParameterName, 'Permit only this DNS subtree (repeatable); `example.com` covers its subdomains')
            [CompletionResult]::new('--permit-ip', '--permit-ip', [CompletionResultType]::ParameterName, 'Permit only this IP range (repeatable), e.g. 10.0.0.0/8')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--intermediate', '--intermediate', [CompletionResultType]::ParameterName, 'Also make an intermediate CA (pathlen 0) that signs leaves and CRLs')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing CA (asks for confirmation; --yes answers it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;ca;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;ca;export' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE (0644) instead of stdout')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--root-only', '--root-only', [CompletionResultType]::ParameterName, 'Only the root certificate')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite --out')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;ca;crl' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (replaced atomically: servers can re-read it any time)')
            [CompletionResult]::new('--next-update', '--next-update', [CompletionResultType]::ParameterName, 'When the CRL expires; publish a new one before then [default: 7d]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'DER instead of PEM')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;ca;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the local CA: a root, and optionally an intermediate that issues')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CA: subjects, key types, validity, constraints, last CRL')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print (or write) the trust bundle: root, then intermediate, as PEM')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;ca;help;init' {
            break
        }
        'vauth;ca;help;show' {
            break
        }
        'vauth;ca;help;export' {
            break
        }
        'vauth;ca;help;crl' {
            break
        }
        'vauth;ca;help;help' {
            break
        }
        'vauth;cert' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a client (default) or server certificate from the local CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issued certificates, soonest expiry first')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate file (or CSR) without trusting it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a certificate: chain to this CA, validity at --at, not revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a successor with the same subject, SANs and profile (new key by default)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;cert;issue' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'client or server')
            [CompletionResult]::new('--cn', '--cn', [CompletionResultType]::ParameterName, 'Subject CN [default: NAME; for PostgreSQL cert auth, the role name]')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'A SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeatable)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity: a duration (30d) or an RFC 3339 time; capped at the CA''s [default: 30d]')
            [CompletionResult]::new('--kty', '--kty', [CompletionResultType]::ParameterName, 'Key type: EC, OKP or RSA [default: EC]')
            [CompletionResult]::new('--crv', '--crv', [CompletionResultType]::ParameterName, 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]')
            [CompletionResult]::new('--curve', '--curve', [CompletionResultType]::ParameterName, 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'Sign this CSR (PEM or DER) instead of generating a key')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Issue every line of FILE (JSON lines or CSV: name,cn,sans,profile); all or nothing')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]')
            [CompletionResult]::new('--cert-out', '--cert-out', [CompletionResultType]::ParameterName, 'Write the certificate (then the intermediate, if any) to FILE')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Write the private key (PKCS#8 PEM, 0600) to FILE')
            [CompletionResult]::new('--chain-out', '--chain-out', [CompletionResultType]::ParameterName, 'Write the CA chain to trust (root last) to FILE')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)')
            [CompletionResult]::new('--p12-password-file', '--p12-password-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]')
            [CompletionResult]::new('--p12-password-env', '--p12-password-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from the environment variable NAME')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--keep-key', '--keep-key', [CompletionResultType]::ParameterName, 'Keep the private key sealed in the vault (enables `cert export --key-out`, `renew --reuse-key`)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing files')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace an existing certificate name (its certificates stay valid until revoked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;list' {
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Exit 1 when any active certificate expires within DURATION (lists only those)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list revoked and expired certificates, and earlier ones of renewed names')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;inspect' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;verify' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Check at TIME instead of now (RFC 3339 or +DURATION)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;revoke' {
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Revoke only the certificate with this serial (hex, colons allowed)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;renew' {
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Reuse the private key in FILE (must match the current certificate)')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'End of validity [default: the same lifetime as the current certificate]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]')
            [CompletionResult]::new('--cert-out', '--cert-out', [CompletionResultType]::ParameterName, 'Write the certificate (then the intermediate, if any) to FILE')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Write the private key (PKCS#8 PEM, 0600) to FILE')
            [CompletionResult]::new('--chain-out', '--chain-out', [CompletionResultType]::ParameterName, 'Write the CA chain to trust (root last) to FILE')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)')
            [CompletionResult]::new('--p12-password-file', '--p12-password-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]')
            [CompletionResult]::new('--p12-password-env', '--p12-password-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from the environment variable NAME')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--reuse-key', '--reuse-key', [CompletionResultType]::ParameterName, 'Reuse the kept key (needs --keep-key at issue) instead of a new one')
            [CompletionResult]::new('--keep-key', '--keep-key', [CompletionResultType]::ParameterName, 'Keep the (new) key sealed in the vault')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;export' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the PEM to FILE instead of stdout')
            [CompletionResult]::new('--key-out', '--key-out', [CompletionResultType]::ParameterName, 'Write the kept private key to FILE (0600); needs --keep-key at issue')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Write a PKCS#12 bundle (the key when kept, certificate, chain) to FILE (0600)')
            [CompletionResult]::new('--p12-password-file', '--p12-password-file', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]')
            [CompletionResult]::new('--p12-password-env', '--p12-password-env', [CompletionResultType]::ParameterName, 'Read the PKCS#12 password from the environment variable NAME')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Append the intermediate and root after the certificate')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;cert;help' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a client (default) or server certificate from the local CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issued certificates, soonest expiry first')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate file (or CSR) without trusting it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a certificate: chain to this CA, validity at --at, not revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a successor with the same subject, SANs and profile (new key by default)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;cert;help;issue' {
            break
        }
        'vauth;cert;help;list' {
            break
        }
        'vauth;cert;help;inspect' {
            break
        }
        'vauth;cert;help;verify' {
            break
        }
        'vauth;cert;help;revoke' {
            break
        }
        'vauth;cert;help;renew' {
            break
        }
        'vauth;cert;help;export' {
            break
        }
        'vauth;cert;help;help' {
            break
        }
        'vauth;target' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a database admin endpoint (references only, never the password)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one target and the credentials pushed to it')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Reach the server and check the admin credential (exit 4 with what failed)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare state.json with what the database holds (exit 1 on a difference)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a target from vauth.toml (nothing on the server is changed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;target;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'The database kind')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Admin endpoint, naming the admin user but no password, e.g. postgres://admin@host:5432/db')
            [CompletionResult]::new('--admin-password-env', '--admin-password-env', [CompletionResultType]::ParameterName, 'Environment variable that holds the admin password (postgres, redis, milvus, opensearch, elasticsearch: for the user the URL names)')
            [CompletionResult]::new('--admin-password-file', '--admin-password-file', [CompletionResultType]::ParameterName, 'File that holds the admin password (first line)')
            [CompletionResult]::new('--admin-key-env', '--admin-key-env', [CompletionResultType]::ParameterName, 'Environment variable that holds the admin API key (qdrant, weaviate, elasticsearch, chroma)')
            [CompletionResult]::new('--admin-key-file', '--admin-key-file', [CompletionResultType]::ParameterName, 'File that holds the admin API key (first line)')
            [CompletionResult]::new('--admin-client-id-env', '--admin-client-id-env', [CompletionResultType]::ParameterName, 'pinecone: environment variable that holds the service account''s client id')
            [CompletionResult]::new('--admin-client-secret-env', '--admin-client-secret-env', [CompletionResultType]::ParameterName, 'pinecone: environment variable that holds the service account''s client secret')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'pinecone: the project whose API keys vauth manages')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'pinecone: the OAuth token endpoint [default: <https://login.pinecone.io/oauth/token>]')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'chroma: the server''s token credentials file (YAML) that vauth keeps')
            [CompletionResult]::new('--auth-header', '--auth-header', [CompletionResultType]::ParameterName, 'chroma: the header tokens travel in, as the server''s CHROMA_AUTH_TOKEN_TRANSPORT_HEADER says: authorization (`Authorization: Bearer <token>`, Chroma''s default) or x-chroma-token [default: authorization]')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A certificate of this home (issued with --keep-key) that vauth presents to the server, for servers that require client certificates (needs TLS)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 10]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM CA that signed the server''s certificate (postgres: turns TLS on, verified; https targets: the only CA trusted)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix of the users/roles vauth creates on this target')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'chroma, qdrant (servers that read credentials at start-up): a command (sh -c) that hands what vauth rendered to the server and restarts it, e.g. `systemctl restart chroma`. push, key rotate and rotate apply run it, wait for the server and probe in the same run; the rendered file''s path is in VAUTH_APPLY_FILE — never a secret on its argv or environment')
            [CompletionResult]::new('--restart-wait', '--restart-wait', [CompletionResultType]::ParameterName, 'How long to wait for the server after --apply, e.g. 90s, 5m [default: 60s]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow a non-loopback host without TLS. Credentials then cross the network in the clear')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a target of the same name')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;test' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;drift' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;remove' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;target;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a database admin endpoint (references only, never the password)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one target and the credentials pushed to it')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Reach the server and check the admin credential (exit 4 with what failed)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare state.json with what the database holds (exit 1 on a difference)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a target from vauth.toml (nothing on the server is changed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;target;help;add' {
            break
        }
        'vauth;target;help;list' {
            break
        }
        'vauth;target;help;show' {
            break
        }
        'vauth;target;help;test' {
            break
        }
        'vauth;target;help;drift' {
            break
        }
        'vauth;target;help;remove' {
            break
        }
        'vauth;target;help;help' {
            break
        }
        'vauth;push' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target (see `vauth target list`)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'postgres: a privilege for the group role, as in `GRANT <this> TO role` (repeatable), e.g. "SELECT ON items"')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'redis: a key pattern the user may touch (repeatable; default: USER:*, its own keys)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'redis: a command rule such as +@read or -@dangerous (repeatable; default: +@read, +@write, +@connection, -@dangerous)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'weaviate, milvus, opensearch, pinecone: a server-side role the user or key gets (repeatable), e.g. viewer, ProjectViewer; chroma: the user''s one `role:` in the credentials file (simple RBAC; kept when a later push names none); postgres certificates: a group role the CN role joins (e.g. the +group of a `hostssl … cert` line)')
            [CompletionResult]::new('--role-descriptors', '--role-descriptors', [CompletionResultType]::ParameterName, 'elasticsearch: a JSON file holding the API key''s `role_descriptors` object')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over an existing user/role of this name that vauth did not create')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CMD (through sh -c) after a successful push, e.g. to restart the consumer. It gets VAUTH_EVENT=push, VAUTH_KEY, VAUTH_VERSION, VAUTH_TARGET, VAUTH_USER — never the secret')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'CREDENTIAL names a certificate (needed only when an API key has the same name)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the commands that would run (secrets as ****) and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;rotate' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these credentials (repeatable) [default: every policy]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another run holding the home''s lock [default: 60s]')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CMD (sh -c) after each credential rotated, with VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_KIND, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION — never the secret')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'What is due and why (exit 0: nothing due, 1: something due)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Rotate what is due (or NAMEs): create, push, probe, make current')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Revoke predecessors whose grace ended and whose successor probed everywhere')
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Deliver the current version to its policy''s outputs again (after exit 5)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;rotate;plan' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Plan as of this time (RFC 3339, or a duration from now) [default: now]')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these credentials (repeatable)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;rotate;apply' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another run holding the home''s lock [default: 60s]')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run CMD (sh -c) after each credential rotated (see `vauth rotate --help`)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Rotate every credential whose policy says it is due (and resume unfinished ones)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;rotate;finalize' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these credentials (repeatable)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another run holding the home''s lock [default: 60s]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;rotate;outputs' {
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another run holding the home''s lock [default: 60s]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;rotate;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'What is due and why (exit 0: nothing due, 1: something due)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Rotate what is due (or NAMEs): create, push, probe, make current')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Revoke predecessors whose grace ended and whose successor probed everywhere')
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Deliver the current version to its policy''s outputs again (after exit 5)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;rotate;help;plan' {
            break
        }
        'vauth;rotate;help;apply' {
            break
        }
        'vauth;rotate;help;finalize' {
            break
        }
        'vauth;rotate;help;outputs' {
            break
        }
        'vauth;rotate;help;help' {
            break
        }
        'vauth;check' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Also report what expires or falls due within this window')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;audit' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the audit log (newest last)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every line''s HMAC and hash chain; exit 1 at the first bad line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;audit;show' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the last N lines')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;audit;verify' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;audit;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the audit log (newest last)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every line''s HMAC and hash chain; exit 1 at the first bad line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;audit;help;show' {
            break
        }
        'vauth;audit;help;verify' {
            break
        }
        'vauth;audit;help;help' {
            break
        }
        'vauth;vault' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-key the vault: a new data key; every secret is re-sealed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;vault;rekey' {
            [CompletionResult]::new('--protect', '--protect', [CompletionResultType]::ParameterName, 'The new protection')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from FILE (for --protect passphrase; else a prompt)')
            [CompletionResult]::new('--new-master-key-env', '--new-master-key-env', [CompletionResultType]::ParameterName, 'Read the new master key (base64 of 32 bytes) from the environment variable NAME (for --protect master-key; never the variable that opens the vault now)')
            [CompletionResult]::new('--new-master-key-file', '--new-master-key-file', [CompletionResultType]::ParameterName, 'Read the new master key (base64 of 32 bytes) from FILE (`-` = stdin)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;vault;help' {
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-key the vault: a new data key; every secret is re-sealed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;vault;help;rekey' {
            break
        }
        'vauth;vault;help;help' {
            break
        }
        'vauth;home' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy the directory home at DIR into this home, which must not exist yet')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;home;export' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;home;import' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;home;config' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Replace vauth.toml with FILE (`-` = stdin) after checking it')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;home;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy the directory home at DIR into this home, which must not exist yet')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;home;help;export' {
            break
        }
        'vauth;home;help;import' {
            break
        }
        'vauth;home;help;config' {
            break
        }
        'vauth;home;help;help' {
            break
        }
        'vauth;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;man' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per result on stdout; errors as JSON on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the product and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is happening (on stderr)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail (exit 3) naming the flag that answers the question')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (revoke, reveal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'vauth;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the home (config, state, vault, audit log); safe to run again')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the home, its vault protection, counts, and what expires soon')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Generate, list, rotate, revoke and verify API keys')
            [CompletionResult]::new('jwt', 'jwt', [CompletionResultType]::ParameterValue, 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Run the local CA: init, show, export the trust bundle, sign CRLs')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Issue, list, verify, revoke, renew and export mTLS certificates')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Database admin endpoints that credentials are pushed to')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Put API keys or a certificate into a database, and prove it accepts them')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit log')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Manage the vault''s protection')
            [CompletionResult]::new('home', 'home', [CompletionResultType]::ParameterValue, 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (vauth(1), or the page of a subcommand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;help;init' {
            break
        }
        'vauth;help;status' {
            break
        }
        'vauth;help;key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a new API key and print it once')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record a key made elsewhere (read from stdin or --key-file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List keys: name, id, version, status, created, expires, age, scopes')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key and all its versions (the secret only with --reveal)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a presented key: exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version active; the previous stays valid until the grace ends')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Invalidate a key (all versions, or one) now')
            break
        }
        'vauth;help;key;create' {
            break
        }
        'vauth;help;key;import' {
            break
        }
        'vauth;help;key;list' {
            break
        }
        'vauth;help;key;show' {
            break
        }
        'vauth;help;key;verify' {
            break
        }
        'vauth;help;key;rotate' {
            break
        }
        'vauth;help;key;revoke' {
            break
        }
        'vauth;help;jwt' {
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Manage signing keys: create, list, show, rotate, retire, export')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS of the active and in-grace asymmetric signing keys')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Write OpenID discovery + JWKS files for static hosting')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Mint a token (or many) signed by a vauth key or an external HMAC secret')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode a token (stdin or --token-file) without verifying anything')
            break
        }
        'vauth;help;jwt;key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Generate a signing key: private part in the vault, public JWK in state.json')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys and their versions')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one signing key and all its versions')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new version sign; the previous one keeps verifying until the grace ends')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop a key (every version, or one) from signing and verifying now')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the public key of the current version as PEM or JWK')
            break
        }
        'vauth;help;jwt;key;create' {
            break
        }
        'vauth;help;jwt;key;list' {
            break
        }
        'vauth;help;jwt;key;show' {
            break
        }
        'vauth;help;jwt;key;rotate' {
            break
        }
        'vauth;help;jwt;key;retire' {
            break
        }
        'vauth;help;jwt;key;export' {
            break
        }
        'vauth;help;jwt;jwks' {
            break
        }
        'vauth;help;jwt;oidc' {
            break
        }
        'vauth;help;jwt;sign' {
            break
        }
        'vauth;help;jwt;verify' {
            break
        }
        'vauth;help;jwt;inspect' {
            break
        }
        'vauth;help;ca' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the local CA: a root, and optionally an intermediate that issues')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the CA: subjects, key types, validity, constraints, last CRL')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print (or write) the trust bundle: root, then intermediate, as PEM')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)')
            break
        }
        'vauth;help;ca;init' {
            break
        }
        'vauth;help;ca;show' {
            break
        }
        'vauth;help;ca;export' {
            break
        }
        'vauth;help;ca;crl' {
            break
        }
        'vauth;help;cert' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a client (default) or server certificate from the local CA')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issued certificates, soonest expiry first')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a certificate file (or CSR) without trusting it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a certificate: chain to this CA, validity at --at, not revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate (all of NAME''s, or one --serial); then `vauth ca crl`')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Issue a successor with the same subject, SANs and profile (new key by default)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle')
            break
        }
        'vauth;help;cert;issue' {
            break
        }
        'vauth;help;cert;list' {
            break
        }
        'vauth;help;cert;inspect' {
            break
        }
        'vauth;help;cert;verify' {
            break
        }
        'vauth;help;cert;revoke' {
            break
        }
        'vauth;help;cert;renew' {
            break
        }
        'vauth;help;cert;export' {
            break
        }
        'vauth;help;target' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a database admin endpoint (references only, never the password)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one target and the credentials pushed to it')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Reach the server and check the admin credential (exit 4 with what failed)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare state.json with what the database holds (exit 1 on a difference)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a target from vauth.toml (nothing on the server is changed)')
            break
        }
        'vauth;help;target;add' {
            break
        }
        'vauth;help;target;list' {
            break
        }
        'vauth;help;target;show' {
            break
        }
        'vauth;help;target;test' {
            break
        }
        'vauth;help;target;drift' {
            break
        }
        'vauth;help;target;remove' {
            break
        }
        'vauth;help;push' {
            break
        }
        'vauth;help;rotate' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'What is due and why (exit 0: nothing due, 1: something due)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Rotate what is due (or NAMEs): create, push, probe, make current')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Revoke predecessors whose grace ended and whose successor probed everywhere')
            [CompletionResult]::new('outputs', 'outputs', [CompletionResultType]::ParameterValue, 'Deliver the current version to its policy''s outputs again (after exit 5)')
            break
        }
        'vauth;help;rotate;plan' {
            break
        }
        'vauth;help;rotate;apply' {
            break
        }
        'vauth;help;rotate;finalize' {
            break
        }
        'vauth;help;rotate;outputs' {
            break
        }
        'vauth;help;check' {
            break
        }
        'vauth;help;audit' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the audit log (newest last)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every line''s HMAC and hash chain; exit 1 at the first bad line')
            break
        }
        'vauth;help;audit;show' {
            break
        }
        'vauth;help;audit;verify' {
            break
        }
        'vauth;help;vault' {
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-key the vault: a new data key; every secret is re-sealed')
            break
        }
        'vauth;help;vault;rekey' {
            break
        }
        'vauth;help;home' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Copy the directory home at DIR into this home, which must not exist yet')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print this home''s vauth.toml, or replace it with --set FILE (checked, audited)')
            break
        }
        'vauth;help;home;export' {
            break
        }
        'vauth;help;home;import' {
            break
        }
        'vauth;help;home;config' {
            break
        }
        'vauth;help;completions' {
            break
        }
        'vauth;help;man' {
            break
        }
        'vauth;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
