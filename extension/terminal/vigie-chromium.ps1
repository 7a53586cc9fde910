# vigie-chromium.ps1: the terminal's browser on Windows, the same as
# vigie-chromium on Linux. Start it from the visitors' session (a shortcut:
# powershell -NoProfile -ExecutionPolicy Bypass -WindowStyle Hidden -File
# "C:\Program Files\Vigie\vigie-chromium.ps1").
#
# Each visitor gets a new, empty profile. When Vigie ends a session, its
# native host (vigie-terminal-host.cmd) creates the file end-of-session;
# this script then closes the browser, deletes the profile folder with
# everything the browser wrote there, and starts it again on a new one.
# Only Vigie's own storage (its lists, counters, the advisor's code and
# lock-out) is copied from one profile to the next. After a power cut,
# the next start deletes the profile the same way before opening.
#
# Not run by the project's tests (no Windows there): it follows the same
# steps as the Linux script, which TestTerminalLauncherLeavesNothing runs.
param(
	[string]$Browser = "$env:ProgramFiles\Google\Chrome\Application\chrome.exe",
	[string]$Root = $(if ($env:VIGIE_PROFILE_ROOT) { $env:VIGIE_PROFILE_ROOT } else { Join-Path $env:LOCALAPPDATA 'vigie-terminal' }),
	[string]$ExtensionId = 'dehbppnnkabiflepcgiimpdbhnkbikfe',
	[string]$Downloads = (Join-Path $env:USERPROFILE 'Telechargements-visiteurs'),
	[string[]]$BrowserArgs = @()
)
$ErrorActionPreference = 'Stop'
$ProfileDir = Join-Path $Root 'profile'
$Keep = Join-Path $Root 'vigie-storage'
$Store = Join-Path $ProfileDir "Default\Local Extension Settings\$ExtensionId" # chrome.storage.local
$Flag = Join-Path $Root 'end-of-session'
$env:VIGIE_PROFILE_ROOT = $Root # read by the native host, a child of the browser
New-Item -ItemType Directory -Force -Path $Root | Out-Null

function Save-AndWipe {
	if (Test-Path -LiteralPath $Store) {
		Remove-Item -LiteralPath "$Keep.new" -Recurse -Force -ErrorAction SilentlyContinue
		Copy-Item -LiteralPath $Store -Destination "$Keep.new" -Recurse
		Remove-Item -LiteralPath $Keep -Recurse -Force -ErrorAction SilentlyContinue
		Rename-Item -LiteralPath "$Keep.new" -NewName (Split-Path $Keep -Leaf)
	}
	# The browser's last processes may hold files for a moment.
	for ($i = 0; $i -lt 20 -and (Test-Path -LiteralPath $ProfileDir); $i++) {
		Remove-Item -LiteralPath $ProfileDir -Recurse -Force -ErrorAction SilentlyContinue
		Start-Sleep -Milliseconds 500
	}
	if (Test-Path -LiteralPath $ProfileDir) { throw "vigie-chromium: cannot delete $ProfileDir" }
	Remove-Item -LiteralPath $Flag -Force -ErrorAction SilentlyContinue
	# Vigie deletes the files it saw downloaded; this catches the rest.
	if (Test-Path -LiteralPath $Downloads) { Get-ChildItem -LiteralPath $Downloads -Force | Remove-Item -Recurse -Force }
}

$fast = 0
while ($true) {
	Save-AndWipe # also what a power cut left
	New-Item -ItemType Directory -Force -Path (Split-Path $Store) | Out-Null
	if (Test-Path -LiteralPath $Keep) { Copy-Item -LiteralPath $Keep -Destination $Store -Recurse }
	$started = Get-Date
	$argList = @("--user-data-dir=`"$ProfileDir`"", '--no-first-run', '--no-default-browser-check') + $BrowserArgs
	$p = Start-Process -FilePath $Browser -ArgumentList $argList -PassThru
	while (-not $p.HasExited) {
		if (Test-Path -LiteralPath $Flag) {
			# The profile is deleted next: a forced stop loses nothing (what
			# Vigie stored is already written to the file system).
			Stop-Process -Id $p.Id -Force -ErrorAction SilentlyContinue
			break
		}
		Start-Sleep -Milliseconds 300
	}
	$p.WaitForExit()
	Get-CimInstance Win32_Process -Filter "Name = '$(Split-Path $Browser -Leaf)'" |
		Where-Object { $_.CommandLine -like "*$ProfileDir*" } |
		ForEach-Object { Stop-Process -Id $_.ProcessId -Force -ErrorAction SilentlyContinue }
	Save-AndWipe
	# A browser that cannot start is not restarted forever.
	if (((Get-Date) - $started).TotalSeconds -lt 5) { $fast++ } else { $fast = 0 }
	if ($fast -ge 5) { throw 'vigie-chromium: the browser exits at once, stopping' }
}
