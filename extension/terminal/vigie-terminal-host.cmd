@echo off
rem Chrome and Edge's native messaging host for Vigie on Windows: see
rem vigie-terminal-host.ps1 (fr.vigie.terminal.json names this file).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0vigie-terminal-host.ps1"
