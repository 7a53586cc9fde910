# vigie-terminal-host.ps1: the native host of vigie-terminal-host (Linux),
# for Windows. Vigie sends {"type":"end"} when a visitor's session ends;
# under vigie-chromium.ps1 this creates the end-of-session file, which
# makes the launcher close the browser and start it on a new profile, and
# answers {"ok":true}. Anything else: nothing done, {"ok":false}.
$in = [Console]::OpenStandardInput()
$out = [Console]::OpenStandardOutput()
$len = New-Object byte[] 4
$n = 0
while ($n -lt 4) { $r = $in.Read($len, $n, 4 - $n); if ($r -le 0) { break }; $n += $r }
$size = [BitConverter]::ToInt32($len, 0)
$msg = ''
if ($n -eq 4 -and $size -gt 0 -and $size -lt 1024) {
	$buf = New-Object byte[] $size
	$n = 0
	while ($n -lt $size) { $r = $in.Read($buf, $n, $size - $n); if ($r -le 0) { break }; $n += $r }
	$msg = [Text.Encoding]::UTF8.GetString($buf, 0, $n)
}
$ok = $false
if ($msg -eq '{"type":"end"}' -and $env:VIGIE_PROFILE_ROOT -and (Test-Path -LiteralPath $env:VIGIE_PROFILE_ROOT)) {
	New-Item -ItemType File -Force -Path (Join-Path $env:VIGIE_PROFILE_ROOT 'end-of-session') | Out-Null
	$ok = $true
}
$reply = [Text.Encoding]::UTF8.GetBytes($(if ($ok) { '{"ok":true}' } else { '{"ok":false}' }))
$out.Write([BitConverter]::GetBytes([int32]$reply.Length), 0, 4)
$out.Write($reply, 0, $reply.Length)
$out.Flush()
