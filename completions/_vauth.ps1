
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
