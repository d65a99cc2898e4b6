
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit log')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Manage the vault''s protection')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (vauth(1), or the page of a subcommand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;init' {
            [CompletionResult]::new('--protect', '--protect', [CompletionResultType]::ParameterName, 'How to protect the vault [default: keyring when reachable, else key-file; master-key when VAUTH_MASTER_KEY is set; passphrase with --passphrase-file]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the key')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color messages')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the vault passphrase from FILE (first line; `-` = stdin)')
            [CompletionResult]::new('--no-keep', '--no-keep', [CompletionResultType]::ParameterName, 'Keep only the hash: the key can be verified but never shown or pushed again')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key of the same name (its versions are revoked), or overwrite --out')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (mode 0600) instead of stdout')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the key')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Verify against a JWKS file; the token''s kid picks the key')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Verify against a PEM public key (or certificate)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from FILE instead of stdin')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Accepted issuer (repeatable; required unless --subtle)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Accepted audience (repeatable; one match is enough; required unless --subtle)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Allowed clock skew for exp/nbf (at most 5m)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge exp/nbf at TIME instead of now')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
        'vauth;audit' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-wrap the vault''s data key under another protection; no secret is lost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;vault;rekey' {
            [CompletionResult]::new('--protect', '--protect', [CompletionResultType]::ParameterName, 'The new protection')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from FILE (for --protect passphrase; else a prompt)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-wrap the vault''s data key under another protection; no secret is lost')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vauth;vault;help;rekey' {
            break
        }
        'vauth;vault;help;help' {
            break
        }
        'vauth;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The vauth home directory [default: $XDG_DATA_HOME/vauth]')
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
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the hash-chained audit log')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Manage the vault''s protection')
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
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-wrap the vault''s data key under another protection; no secret is lost')
            break
        }
        'vauth;help;vault;rekey' {
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
