# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vauth_global_optspecs
    string join \n home= json q/quiet v/verbose no-input yes color= passphrase-file= h/help V/version
end

function __fish_vauth_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vauth_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vauth_using_subcommand
    set -l cmd (__fish_vauth_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vauth -n "__fish_vauth_needs_command" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_needs_command" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_needs_command" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_needs_command" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_needs_command" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_needs_command" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_needs_command" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_needs_command" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_needs_command" -s V -l version -d 'Print version'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "init" -d 'Create the home (config, state, vault, audit log); safe to run again'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "status" -d 'Show the home, its vault protection, counts, and what expires soon'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "key" -d 'Generate, list, rotate, revoke and verify API keys'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "jwt" -d 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "ca" -d 'Run the local CA: init, show, export the trust bundle, sign CRLs'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "cert" -d 'Issue, list, verify, revoke, renew and export mTLS certificates'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "target" -d 'Database admin endpoints that credentials are pushed to'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "push" -d 'Put API keys or a certificate into a database, and prove it accepts them'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "rotate" -d 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "check" -d 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "audit" -d 'Read and verify the hash-chained audit log'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "vault" -d 'Manage the vault\'s protection'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "home" -d 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "man" -d 'Print a man page (vauth(1), or the page of a subcommand)'
complete -c vauth -n "__fish_vauth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand init" -l protect -d 'How to protect the vault [default: keyring when reachable, else key-file; master-key when VAUTH_MASTER_KEY is set; passphrase with --passphrase-file]' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
master-key\t'VAUTH_MASTER_KEY: base64 of 32 bytes from your CI secret store'
passphrase\t'A passphrase (Argon2id), from --passphrase-file or a prompt'
key-file\t'A 0600 key file outside the home (weakest; the default on headless machines)'"
complete -c vauth -n "__fish_vauth_using_subcommand init" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand init" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand init" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand init" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand init" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand init" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand init" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand init" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand status" -l within -d 'Report what expires within this window' -r
complete -c vauth -n "__fish_vauth_using_subcommand status" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand status" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand status" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand status" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand status" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand status" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand status" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand status" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "create" -d 'Generate a new API key and print it once'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "import" -d 'Record a key made elsewhere (read from stdin or --key-file)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "list" -d 'List keys: name, id, version, status, created, expires, age, scopes'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "show" -d 'Show one key and all its versions (the secret only with --reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "verify" -d 'Check a presented key: exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "rotate" -d 'Make a new version active; the previous stays valid until the grace ends'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "revoke" -d 'Invalidate a key (all versions, or one) now'
complete -c vauth -n "__fish_vauth_using_subcommand key; and not __fish_seen_subcommand_from create import list show verify rotate revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l prefix -d 'Key prefix [default: vk, or keys.prefix in vauth.toml]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l expires -d 'Expiry: a duration from now (90d) or an RFC 3339 time [default: keys.expires, or never]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l scope -d 'A scope to record (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l label -d 'A label KEY=VALUE to record (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l on -d 'Let this target make the key (weaviate, pinecone, elasticsearch), and record it' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l role -d 'With --on (weaviate, pinecone): a server-side role the key gets (repeatable), e.g. viewer, ProjectViewer' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l role-descriptors -d 'With --on (elasticsearch): a JSON file holding the API key\'s `role_descriptors` object [default: the admin\'s own rights]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l adopt -d 'With --on: replace an existing user of this name that vauth did not create (weaviate)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l out -d 'Write the key to FILE (mode 0600) instead of stdout' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l format -d 'Output format of the key' -r -f -a "plain\t'The key alone on one line'
json\t'A JSON object with the key and its metadata'
env\t'`export VAR=\'key\'` for a shell'
dotenv\t'`VAR=key` for a .env file'
github\t'GitHub Actions: `::add-mask::` on stdout, `VAR` appended to $GITHUB_OUTPUT'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l var -d 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l no-keep -d 'Keep only the hash: the key can be verified but never shown or pushed again'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l force -d 'Replace an existing key of the same name (its versions are revoked), or overwrite --out'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l dry-run -d 'With --on: print the calls that would be made (secrets as ****) and change nothing'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l key-file -d 'Read the key from FILE instead of stdin' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l expires -d 'Expiry: a duration from now (90d) or an RFC 3339 time' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l scope -d 'A scope to record (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l label -d 'A label KEY=VALUE to record (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l no-keep -d 'Keep only the hash'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l subtle -d 'Accept a key with less than 128 bits of estimated entropy. Weakens the key\'s security'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l force -d 'Replace an existing key of the same name'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l at -d 'Evaluate status at TIME instead of now (RFC 3339 or +DURATION)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l version -d 'With --reveal: which version [default: the current one]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l reveal -d 'Print the kept plaintext (asks for confirmation; --yes answers it)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l key-file -d 'Read the presented key from FILE instead of stdin' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l at -d 'Check validity at TIME instead of now (RFC 3339 or +DURATION)' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l grace -d 'How long the previous version stays valid [default: keys.grace, or 24h]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l expires -d 'Expiry of the new version [default: the same lifetime as the previous one]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l exec -d 'Run CMD (through sh -c) after a successful rotation, e.g. to restart the consumer. It gets VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION, VAUTH_GRACE_UNTIL, VAUTH_TARGETS — never the secret' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l out -d 'Write the key to FILE (mode 0600) instead of stdout' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l format -d 'Output format of the key' -r -f -a "plain\t'The key alone on one line'
json\t'A JSON object with the key and its metadata'
env\t'`export VAR=\'key\'` for a shell'
dotenv\t'`VAR=key` for a .env file'
github\t'GitHub Actions: `::add-mask::` on stdout, `VAR` appended to $GITHUB_OUTPUT'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l var -d 'Variable name for env/dotenv/github [default: the NAME upper-cased, `-`/`.` as `_`]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l no-keep -d 'Keep only the hash of the new version'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l force -d 'Overwrite --out'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l version -d 'Revoke only this version [default: every version]' -r
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "create" -d 'Generate a new API key and print it once'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "import" -d 'Record a key made elsewhere (read from stdin or --key-file)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List keys: name, id, version, status, created, expires, age, scopes'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one key and all its versions (the secret only with --reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a presented key: exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Make a new version active; the previous stays valid until the grace ends'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Invalidate a key (all versions, or one) now'
complete -c vauth -n "__fish_vauth_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "key" -d 'Manage signing keys: create, list, show, rotate, retire, export'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "jwks" -d 'Print the JWKS of the active and in-grace asymmetric signing keys'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "oidc" -d 'Write OpenID discovery + JWKS files for static hosting'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "sign" -d 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "verify" -d 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "inspect" -d 'Decode a token (stdin or --token-file) without verifying anything'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and not __fish_seen_subcommand_from key jwks oidc sign verify inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "create" -d 'Generate a signing key: private part in the vault, public JWK in state.json'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "list" -d 'List signing keys and their versions'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "show" -d 'Show one signing key and all its versions'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'Make a new version sign; the previous one keeps verifying until the grace ends'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "retire" -d 'Stop a key (every version, or one) from signing and verifying now'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "export" -d 'Export the public key of the current version as PEM or JWK'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l at -d 'Evaluate which versions are published at TIME instead of now' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from jwks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l issuer -d 'The issuer URL (https), exactly as tokens carry it in `iss`' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l out-dir -d 'Directory to write into (created if missing)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from oidc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l key -d 'A vauth signing key (current version signs; verification pins its algorithm)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l secret-file -d 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l secret-env -d 'Read an external HMAC secret from the environment variable VAR' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l alg -d 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]' -r -f -a "HS256\t'HMAC-SHA-256 (shared secret; Qdrant)'
HS384\t'HMAC-SHA-384'
HS512\t'HMAC-SHA-512'
RS256\t'RSA PKCS#1 v1.5, SHA-256'
RS384\t'RSA PKCS#1 v1.5, SHA-384'
RS512\t'RSA PKCS#1 v1.5, SHA-512'
PS256\t'RSA-PSS, SHA-256'
PS384\t'RSA-PSS, SHA-384'
PS512\t'RSA-PSS, SHA-512'
ES256\t'ECDSA P-256'
ES384\t'ECDSA P-384'
EdDSA\t'Ed25519'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l for -d 'A qdrant target: sign HS256 with its admin API key, then probe the token there (GET /collections and each --qdrant-collection: 200; a wrongly signed token: refused)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l sub -d '`sub` claim' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l iss -d '`iss` claim' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l aud -d '`aud` claim (repeatable: several make an array)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l exp -d 'Expiry: a lifetime (15m) or an RFC 3339 time [default: jwt.lifetime, 15m]' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l nbf -d 'Not-before: a duration from now or an RFC 3339 time' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l jti -d '`jti` claim [default: random per token]' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l claim -d 'An extra claim KEY=VALUE; VALUE is JSON if it parses, else a string (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l claims-file -d 'Read extra claims from a JSON object in FILE (flags win)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l qdrant-access -d 'Qdrant: global access, r (read-only) or m (manage)' -r -f -a "r\t''
m\t''"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l qdrant-collection -d 'Qdrant: access to one collection, NAME=r|rw|prw (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l qdrant-value-exists -d 'Qdrant: only valid while COLLECTION holds a point with KEY=VALUE (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l count -d 'Mint N tokens (one per line; JSON lines with --json)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l subjects -d 'Mint one token per subject, read one per line from FILE (`-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l no-exp -d 'Mint a token without exp (needs --subtle): it never expires'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l subtle -d 'Allow what is unsafe: --no-exp'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l key -d 'A vauth signing key (current version signs; verification pins its algorithm)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l secret-file -d 'Read an external HMAC secret (e.g. a Qdrant API key) from FILE (`-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l secret-env -d 'Read an external HMAC secret from the environment variable VAR' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l alg -d 'Algorithm for an external secret or an RSA PEM [default: HS256 for secrets]' -r -f -a "HS256\t'HMAC-SHA-256 (shared secret; Qdrant)'
HS384\t'HMAC-SHA-384'
HS512\t'HMAC-SHA-512'
RS256\t'RSA PKCS#1 v1.5, SHA-256'
RS384\t'RSA PKCS#1 v1.5, SHA-384'
RS512\t'RSA PKCS#1 v1.5, SHA-512'
PS256\t'RSA-PSS, SHA-256'
PS384\t'RSA-PSS, SHA-384'
PS512\t'RSA-PSS, SHA-512'
ES256\t'ECDSA P-256'
ES384\t'ECDSA P-384'
EdDSA\t'Ed25519'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l jwks -d 'Verify against a JWKS file or https URL; the token\'s kid picks the key' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l ca-file -d 'Trust only these CA certificates (PEM) when fetching --jwks over https' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l pem -d 'Verify against a PEM public key (or certificate)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l token-file -d 'Read the token from FILE instead of stdin' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l iss -d 'Accepted issuer (repeatable; required unless --subtle)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l aud -d 'Accepted audience (repeatable; one match is enough; required unless --subtle)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l leeway -d 'Allowed clock skew for exp/nbf (at most 5m)' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l at -d 'Judge exp/nbf at TIME instead of now' -r
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l subtle -d 'Do not require --iss/--aud, and accept a token without exp'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l token-file -d 'Read the token from FILE instead of stdin' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "key" -d 'Manage signing keys: create, list, show, rotate, retire, export'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "jwks" -d 'Print the JWKS of the active and in-grace asymmetric signing keys'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "oidc" -d 'Write OpenID discovery + JWKS files for static hosting'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Decode a token (stdin or --token-file) without verifying anything'
complete -c vauth -n "__fish_vauth_using_subcommand jwt; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -f -a "init" -d 'Create the local CA: a root, and optionally an intermediate that issues'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -f -a "show" -d 'Show the CA: subjects, key types, validity, constraints, last CRL'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -f -a "export" -d 'Print (or write) the trust bundle: root, then intermediate, as PEM'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -f -a "crl" -d 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and not __fish_seen_subcommand_from init show export crl help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l name -d 'Subject CN of the root [default: "vauth root CA " and the home id]' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l kty -d 'Key type: EC, OKP or RSA [default: EC]' -r -f -a "EC\t''
OKP\t''
RSA\t''
ec\t''
okp\t''
rsa\t''"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l crv -l curve -d 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]' -r -f -a "P-256\t''
P-384\t''
Ed25519\t''"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l size -d 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l not-after -d 'End of the root\'s validity (the intermediate ends one day earlier) [default: 10y]' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l permit-dns -d 'Permit only this DNS subtree (repeatable); `example.com` covers its subdomains' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l permit-ip -d 'Permit only this IP range (repeatable), e.g. 10.0.0.0/8' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l intermediate -d 'Also make an intermediate CA (pathlen 0) that signs leaves and CRLs'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l force -d 'Replace an existing CA (asks for confirmation; --yes answers it)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l out -d 'Write to FILE (0644) instead of stdout' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l root-only -d 'Only the root certificate'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l force -d 'Overwrite --out'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l out -d 'Write to FILE instead of stdout (replaced atomically: servers can re-read it any time)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l next-update -d 'When the CRL expires; publish a new one before then [default: 7d]' -r
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l der -d 'DER instead of PEM'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from crl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the local CA: a root, and optionally an intermediate that issues'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the CA: subjects, key types, validity, constraints, last CRL'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print (or write) the trust bundle: root, then intermediate, as PEM'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "crl" -d 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
complete -c vauth -n "__fish_vauth_using_subcommand ca; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "issue" -d 'Issue a client (default) or server certificate from the local CA'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "list" -d 'List issued certificates, soonest expiry first'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "inspect" -d 'Show a certificate file (or CSR) without trusting it'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "verify" -d 'Check a certificate: chain to this CA, validity at --at, not revoked'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "revoke" -d 'Revoke a certificate (all of NAME\'s, or one --serial); then `vauth ca crl`'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "renew" -d 'Issue a successor with the same subject, SANs and profile (new key by default)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "export" -d 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and not __fish_seen_subcommand_from issue list inspect verify revoke renew export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l profile -d 'client or server' -r -f -a "client\t'clientAuth EKU only, digitalSignature'
server\t'serverAuth EKU only'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l cn -d 'Subject CN [default: NAME; for PostgreSQL cert auth, the role name]' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l san -d 'A SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l not-after -d 'End of validity: a duration (30d) or an RFC 3339 time; capped at the CA\'s [default: 30d]' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l kty -d 'Key type: EC, OKP or RSA [default: EC]' -r -f -a "EC\t''
OKP\t''
RSA\t''
ec\t''
okp\t''
rsa\t''"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l crv -l curve -d 'Curve: P-256, P-384 (EC) or Ed25519 (OKP) [default: P-256]' -r -f -a "P-256\t''
P-384\t''
Ed25519\t''"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l size -d 'RSA key size in bits: 2048, 3072 or 4096 [default: 2048]' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l csr -d 'Sign this CSR (PEM or DER) instead of generating a key' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l batch -d 'Issue every line of FILE (JSON lines or CSV: name,cn,sans,profile); all or nothing' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l out -d 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l cert-out -d 'Write the certificate (then the intermediate, if any) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l key-out -d 'Write the private key (PKCS#8 PEM, 0600) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l chain-out -d 'Write the CA chain to trust (root last) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12 -d 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12-password-file -d 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12-password-env -d 'Read the PKCS#12 password from the environment variable NAME' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l keep-key -d 'Keep the private key sealed in the vault (enables `cert export --key-out`, `renew --reuse-key`)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l force -d 'Overwrite existing files'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l replace -d 'Replace an existing certificate name (its certificates stay valid until revoked)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l expiring-within -d 'Exit 1 when any active certificate expires within DURATION (lists only those)' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l all -d 'Also list revoked and expired certificates, and earlier ones of renewed names'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l at -d 'Check at TIME instead of now (RFC 3339 or +DURATION)' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l serial -d 'Revoke only the certificate with this serial (hex, colons allowed)' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l reason -d 'RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l key-file -d 'Reuse the private key in FILE (must match the current certificate)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l not-after -d 'End of validity [default: the same lifetime as the current certificate]' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l out -d 'Directory for NAME.crt, NAME.key and NAME.ca.crt [default: current directory]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l cert-out -d 'Write the certificate (then the intermediate, if any) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l key-out -d 'Write the private key (PKCS#8 PEM, 0600) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l chain-out -d 'Write the CA chain to trust (root last) to FILE' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l p12 -d 'Also write a PKCS#12 bundle (key, certificate, chain) to FILE (0600)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l p12-password-file -d 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l p12-password-env -d 'Read the PKCS#12 password from the environment variable NAME' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l reuse-key -d 'Reuse the kept key (needs --keep-key at issue) instead of a new one'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l keep-key -d 'Keep the (new) key sealed in the vault'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l force -d 'Overwrite existing files'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l out -d 'Write the PEM to FILE instead of stdout' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l key-out -d 'Write the kept private key to FILE (0600); needs --keep-key at issue' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l p12 -d 'Write a PKCS#12 bundle (the key when kept, certificate, chain) to FILE (0600)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l p12-password-file -d 'Read the PKCS#12 password from FILE (first line; `-` = stdin) [default: a prompt]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l p12-password-env -d 'Read the PKCS#12 password from the environment variable NAME' -r
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l chain -d 'Append the intermediate and root after the certificate'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l force -d 'Overwrite existing files'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Issue a client (default) or server certificate from the local CA'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "list" -d 'List issued certificates, soonest expiry first'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a certificate file (or CSR) without trusting it'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a certificate: chain to this CA, validity at --at, not revoked'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a certificate (all of NAME\'s, or one --serial); then `vauth ca crl`'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Issue a successor with the same subject, SANs and profile (new key by default)'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
complete -c vauth -n "__fish_vauth_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "add" -d 'Add a database admin endpoint (references only, never the password)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "list" -d 'List the configured targets'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "show" -d 'Show one target and the credentials pushed to it'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "test" -d 'Reach the server and check the admin credential (exit 4 with what failed)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "drift" -d 'Compare state.json with what the database holds (exit 1 on a difference)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "remove" -d 'Remove a target from vauth.toml (nothing on the server is changed)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and not __fish_seen_subcommand_from add list show test drift remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l kind -d 'The database kind' -r -f -a "postgres\t'PostgreSQL (also with pgvector): group role + alternating login roles, SCRAM verifiers'
redis\t'Redis 7 / Valkey: one ACL user holding up to two `#sha256` passwords'
qdrant\t'Qdrant: HS256 JWTs signed with the target\'s API key (it has no key API)'
weaviate\t'Weaviate >= 1.30: DB users with server-generated keys, alternating users for a grace'
milvus\t'Milvus REST v2: users and roles, alternating users for a grace'
pinecone\t'Pinecone Admin API: project API keys with roles (server-generated)'
elasticsearch\t'Elasticsearch: API keys with role descriptors (server-generated)'
opensearch\t'OpenSearch security plugin: internal users, alternating users for a grace'
chroma\t'Chroma (Python server): static tokens in its credentials file; active after a restart'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l url -d 'Admin endpoint, naming the admin user but no password, e.g. postgres://admin@host:5432/db' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-password-env -d 'Environment variable that holds the admin password (postgres, redis, milvus, opensearch, elasticsearch: for the user the URL names)' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-password-file -d 'File that holds the admin password (first line)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-key-env -d 'Environment variable that holds the admin API key (qdrant, weaviate, elasticsearch, chroma)' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-key-file -d 'File that holds the admin API key (first line)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-client-id-env -d 'pinecone: environment variable that holds the service account\'s client id' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l admin-client-secret-env -d 'pinecone: environment variable that holds the service account\'s client secret' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l project -d 'pinecone: the project whose API keys vauth manages' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l token-url -d 'pinecone: the OAuth token endpoint [default: <https://login.pinecone.io/oauth/token>]' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l credentials-file -d 'chroma: the server\'s token credentials file (YAML) that vauth keeps' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l auth-header -d 'chroma: the header tokens travel in, as the server\'s CHROMA_AUTH_TOKEN_TRANSPORT_HEADER says: authorization (`Authorization: Bearer <token>`, Chroma\'s default) or x-chroma-token [default: authorization]' -r -f -a "authorization\t'`Authorization: Bearer <token>`: Chroma\'s default'
x-chroma-token\t'`X-Chroma-Token: <token>`: a server started with `CHROMA_AUTH_TOKEN_TRANSPORT_HEADER=X-Chroma-Token`'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l client-cert -d 'A certificate of this home (issued with --keep-key) that vauth presents to the server, for servers that require client certificates (needs TLS)' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l timeout -d 'Seconds one request may take [default: 10]' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l ca-file -d 'PEM CA that signed the server\'s certificate (postgres: turns TLS on, verified; https targets: the only CA trusted)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l prefix -d 'Prefix of the users/roles vauth creates on this target' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l apply -d 'chroma, qdrant (servers that read credentials at start-up): a command (sh -c) that hands what vauth rendered to the server and restarts it, e.g. `systemctl restart chroma`. push, key rotate and rotate apply run it, wait for the server and probe in the same run; the rendered file\'s path is in VAUTH_APPLY_FILE — never a secret on its argv or environment' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l restart-wait -d 'How long to wait for the server after --apply, e.g. 90s, 5m [default: 60s]' -r
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l insecure -d 'Allow a non-loopback host without TLS. Credentials then cross the network in the clear'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l force -d 'Replace a target of the same name'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from drift" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a database admin endpoint (references only, never the password)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the configured targets'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one target and the credentials pushed to it'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "test" -d 'Reach the server and check the admin credential (exit 4 with what failed)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "drift" -d 'Compare state.json with what the database holds (exit 1 on a difference)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a target from vauth.toml (nothing on the server is changed)'
complete -c vauth -n "__fish_vauth_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand push" -l to -d 'The target (see `vauth target list`)' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l grant -d 'postgres: a privilege for the group role, as in `GRANT <this> TO role` (repeatable), e.g. "SELECT ON items"' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l pattern -d 'redis: a key pattern the user may touch (repeatable; default: USER:*, its own keys)' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l category -d 'redis: a command rule such as +@read or -@dangerous (repeatable; default: +@read, +@write, +@connection, -@dangerous)' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l role -d 'weaviate, milvus, opensearch, pinecone: a server-side role the user or key gets (repeatable), e.g. viewer, ProjectViewer; chroma: the user\'s one `role:` in the credentials file (simple RBAC; kept when a later push names none); postgres certificates: a group role the CN role joins (e.g. the +group of a `hostssl … cert` line)' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l role-descriptors -d 'elasticsearch: a JSON file holding the API key\'s `role_descriptors` object' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand push" -l adopt -d 'Take over an existing user/role of this name that vauth did not create' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l exec -d 'Run CMD (through sh -c) after a successful push, e.g. to restart the consumer. It gets VAUTH_EVENT=push, VAUTH_KEY, VAUTH_VERSION, VAUTH_TARGET, VAUTH_USER — never the secret' -r
complete -c vauth -n "__fish_vauth_using_subcommand push" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand push" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand push" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand push" -l cert -d 'CREDENTIAL names a certificate (needed only when an API key has the same name)'
complete -c vauth -n "__fish_vauth_using_subcommand push" -l dry-run -d 'Print the commands that would run (secrets as ****) and change nothing'
complete -c vauth -n "__fish_vauth_using_subcommand push" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand push" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand push" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand push" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand push" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l only -d 'Only these credentials (repeatable) [default: every policy]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l lock-timeout -d 'How long to wait for another run holding the home\'s lock [default: 60s]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l exec -d 'Run CMD (sh -c) after each credential rotated, with VAUTH_EVENT=rotate, VAUTH_KEY, VAUTH_KIND, VAUTH_VERSION, VAUTH_PREVIOUS_VERSION — never the secret' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -f -a "plan" -d 'What is due and why (exit 0: nothing due, 1: something due)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -f -a "apply" -d 'Rotate what is due (or NAMEs): create, push, probe, make current'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -f -a "finalize" -d 'Revoke predecessors whose grace ended and whose successor probed everywhere'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -f -a "outputs" -d 'Deliver the current version to its policy\'s outputs again (after exit 5)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and not __fish_seen_subcommand_from plan apply finalize outputs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l at -d 'Plan as of this time (RFC 3339, or a duration from now) [default: now]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l only -d 'Only these credentials (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l lock-timeout -d 'How long to wait for another run holding the home\'s lock [default: 60s]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l exec -d 'Run CMD (sh -c) after each credential rotated (see `vauth rotate --help`)' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l due -d 'Rotate every credential whose policy says it is due (and resume unfinished ones)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l only -d 'Only these credentials (repeatable)' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l lock-timeout -d 'How long to wait for another run holding the home\'s lock [default: 60s]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from finalize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l lock-timeout -d 'How long to wait for another run holding the home\'s lock [default: 60s]' -r
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from outputs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "plan" -d 'What is due and why (exit 0: nothing due, 1: something due)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Rotate what is due (or NAMEs): create, push, probe, make current'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "finalize" -d 'Revoke predecessors whose grace ended and whose successor probed everywhere'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "outputs" -d 'Deliver the current version to its policy\'s outputs again (after exit 5)'
complete -c vauth -n "__fish_vauth_using_subcommand rotate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand check" -l within -d 'Also report what expires or falls due within this window' -r
complete -c vauth -n "__fish_vauth_using_subcommand check" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand check" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand check" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand check" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand check" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand check" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand check" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand check" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "show" -d 'Print the audit log (newest last)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "verify" -d 'Check every line\'s HMAC and hash chain; exit 1 at the first bad line'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l limit -d 'Only the last N lines' -r
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the audit log (newest last)'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every line\'s HMAC and hash chain; exit 1 at the first bad line'
complete -c vauth -n "__fish_vauth_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -f -a "rekey" -d 'Re-key the vault: a new data key; every secret is re-sealed'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and not __fish_seen_subcommand_from rekey help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l protect -d 'The new protection' -r -f -a "keyring\t'The OS keyring (Secret Service, Keychain, Credential Manager)'
master-key\t'VAUTH_MASTER_KEY: base64 of 32 bytes from your CI secret store'
passphrase\t'A passphrase (Argon2id), from --passphrase-file or a prompt'
key-file\t'A 0600 key file outside the home (weakest; the default on headless machines)'"
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l new-passphrase-file -d 'Read the new passphrase from FILE (for --protect passphrase; else a prompt)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l new-master-key-env -d 'Read the new master key (base64 of 32 bytes) from the environment variable NAME (for --protect master-key; never the variable that opens the vault now)' -r
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l new-master-key-file -d 'Read the new master key (base64 of 32 bytes) from FILE (`-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from rekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "rekey" -d 'Re-key the vault: a new data key; every secret is re-sealed'
complete -c vauth -n "__fish_vauth_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -f -a "export" -d 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -f -a "import" -d 'Copy the directory home at DIR into this home, which must not exist yet'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -f -a "config" -d 'Print this home\'s vauth.toml, or replace it with --set FILE (checked, audited)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and not __fish_seen_subcommand_from export import config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l set -d 'Replace vauth.toml with FILE (`-` = stdin) after checking it' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from help" -f -a "export" -d 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from help" -f -a "import" -d 'Copy the directory home at DIR into this home, which must not exist yet'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from help" -f -a "config" -d 'Print this home\'s vauth.toml, or replace it with --set FILE (checked, audited)'
complete -c vauth -n "__fish_vauth_using_subcommand home; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand man" -l home -d 'The vauth home: a directory, or postgresql://USER@HOST/DB?… for a home in PostgreSQL [default: $XDG_DATA_HOME/vauth]' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand man" -l color -d 'When to color messages' -r -f -a "auto\t'Color when stderr is a terminal and NO_COLOR is unset'
always\t'Always color'
never\t'Never color'"
complete -c vauth -n "__fish_vauth_using_subcommand man" -l passphrase-file -d 'Read the vault passphrase from FILE (first line; `-` = stdin)' -r -F
complete -c vauth -n "__fish_vauth_using_subcommand man" -l json -d 'Print one JSON object per result on stdout; errors as JSON on stderr'
complete -c vauth -n "__fish_vauth_using_subcommand man" -s q -l quiet -d 'Print nothing but the product and errors'
complete -c vauth -n "__fish_vauth_using_subcommand man" -s v -l verbose -d 'Say more about what is happening (on stderr)'
complete -c vauth -n "__fish_vauth_using_subcommand man" -l no-input -d 'Never prompt; fail (exit 3) naming the flag that answers the question'
complete -c vauth -n "__fish_vauth_using_subcommand man" -l yes -d 'Answer yes to confirmations (revoke, reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "init" -d 'Create the home (config, state, vault, audit log); safe to run again'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "status" -d 'Show the home, its vault protection, counts, and what expires soon'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "key" -d 'Generate, list, rotate, revoke and verify API keys'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "jwt" -d 'JWT signing keys (rotation, JWKS) and minting, verifying, inspecting tokens'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "ca" -d 'Run the local CA: init, show, export the trust bundle, sign CRLs'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "cert" -d 'Issue, list, verify, revoke, renew and export mTLS certificates'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "target" -d 'Database admin endpoints that credentials are pushed to'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "push" -d 'Put API keys or a certificate into a database, and prove it accepts them'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "rotate" -d 'Rotate by the policies in vauth.toml: plan, apply, finalize (for CI)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "check" -d 'Exit 1 when a credential is overdue, due or expiring soon (for alerting jobs)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "audit" -d 'Read and verify the hash-chained audit log'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "vault" -d 'Manage the vault\'s protection'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "home" -d 'Copy a home between a directory and PostgreSQL; show or replace its vauth.toml'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "man" -d 'Print a man page (vauth(1), or the page of a subcommand)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and not __fish_seen_subcommand_from init status key jwt ca cert target push rotate check audit vault home completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "create" -d 'Generate a new API key and print it once'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "import" -d 'Record a key made elsewhere (read from stdin or --key-file)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "list" -d 'List keys: name, id, version, status, created, expires, age, scopes'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "show" -d 'Show one key and all its versions (the secret only with --reveal)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "verify" -d 'Check a presented key: exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "rotate" -d 'Make a new version active; the previous stays valid until the grace ends'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "revoke" -d 'Invalidate a key (all versions, or one) now'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "key" -d 'Manage signing keys: create, list, show, rotate, retire, export'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "jwks" -d 'Print the JWKS of the active and in-grace asymmetric signing keys'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "oidc" -d 'Write OpenID discovery + JWKS files for static hosting'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "sign" -d 'Mint a token (or many) signed by a vauth key or an external HMAC secret'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "verify" -d 'Check a token (stdin or --token-file): exit 0 valid, 1 invalid with the reason'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from jwt" -f -a "inspect" -d 'Decode a token (stdin or --token-file) without verifying anything'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "init" -d 'Create the local CA: a root, and optionally an intermediate that issues'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "show" -d 'Show the CA: subjects, key types, validity, constraints, last CRL'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "export" -d 'Print (or write) the trust bundle: root, then intermediate, as PEM'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from ca" -f -a "crl" -d 'Sign a new CRL of the issuing CA (revoked certificates, next CRL number)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "issue" -d 'Issue a client (default) or server certificate from the local CA'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "list" -d 'List issued certificates, soonest expiry first'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "inspect" -d 'Show a certificate file (or CSR) without trusting it'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "verify" -d 'Check a certificate: chain to this CA, validity at --at, not revoked'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "revoke" -d 'Revoke a certificate (all of NAME\'s, or one --serial); then `vauth ca crl`'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "renew" -d 'Issue a successor with the same subject, SANs and profile (new key by default)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "export" -d 'Write a certificate with its chain (PEM), its kept key, or a PKCS#12 bundle'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "add" -d 'Add a database admin endpoint (references only, never the password)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "list" -d 'List the configured targets'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "show" -d 'Show one target and the credentials pushed to it'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "test" -d 'Reach the server and check the admin credential (exit 4 with what failed)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "drift" -d 'Compare state.json with what the database holds (exit 1 on a difference)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "remove" -d 'Remove a target from vauth.toml (nothing on the server is changed)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "plan" -d 'What is due and why (exit 0: nothing due, 1: something due)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "apply" -d 'Rotate what is due (or NAMEs): create, push, probe, make current'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "finalize" -d 'Revoke predecessors whose grace ended and whose successor probed everywhere'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from rotate" -f -a "outputs" -d 'Deliver the current version to its policy\'s outputs again (after exit 5)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "show" -d 'Print the audit log (newest last)'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check every line\'s HMAC and hash chain; exit 1 at the first bad line'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "rekey" -d 'Re-key the vault: a new data key; every secret is re-sealed'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from home" -f -a "export" -d 'Copy this home (VAUTH_HOME / --home) into a new directory home at DIR'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from home" -f -a "import" -d 'Copy the directory home at DIR into this home, which must not exist yet'
complete -c vauth -n "__fish_vauth_using_subcommand help; and __fish_seen_subcommand_from home" -f -a "config" -d 'Print this home\'s vauth.toml, or replace it with --set FILE (checked, audited)'
