"""Smoke-test a built Linux bundle the way a centre's PC would run it.

    python3 packaging/smoke_bundle.py [dist/siec-desk]

The bundle is copied to a temporary folder outside the checkout and run from there with
a clean environment: HOME and the XDG folders in that temporary folder, no PYTHONPATH,
offscreen Qt, the working directory elsewhere. Checks, each printed as it passes:

- ``--version`` prints the version of pyproject.toml;
- ``demo`` creates the database in the user data folder;
- French and Arabic letters are PDFs whose text layer (pdftotext) has the expected words,
  with only the bundled fonts, rendered with the bundled Pango and HarfBuzz, not the
  system's; a batch of letters renders in spawned worker processes;
- the application window opens (no command, offscreen) and is idle;
- ``screenshot --view today`` writes a PNG in French and in Arabic, and Qt's own Arabic
  catalogue was found;
- ``install.sh`` installs a valid menu entry and icons, the installed command runs, and
  ``--uninstall`` removes them.

Any failure stops with exit code 1 and says what went wrong. Needs poppler-utils
(pdftotext, pdffonts) and desktop-file-utils.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.siec_desk.SiecDesk"
FRENCH_WORDS = ("Madame, Monsieur", "Votre situation", "Notre référence")
ARABIC_WORDS = ("وضعيتكم", "مرجعنا", "الموضوع")
WEASYPRINT_LIBRARIES = ("libpango-1.0.so.0", "libharfbuzz.so.0", "libfontconfig.so.1")


class SmokeError(Exception):
    pass


def check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        raise SmokeError(f"{what}: FAILED{(' - ' + detail) if detail else ''}")
    print(f"ok  {what}", flush=True)


class Bundle:
    """The copied bundle and its throw-away home."""

    def __init__(self, source: Path, work: Path) -> None:
        self.work = work
        self.app = work / "siec-desk"
        shutil.copytree(source, self.app, symlinks=True)
        home = work / "home"
        self.data = home / ".local" / "share"
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_RUNTIME_DIR": str(work / "runtime"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        (work / "runtime").mkdir(mode=0o700)
        self.cwd = work / "cwd"
        self.cwd.mkdir()

    def run(
        self, *args: str, exe: Path | None = None, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(exe or self.app / "siec-desk"), *args],
            capture_output=True,
            text=True,
            cwd=self.cwd,
            env={**self.env, **(extra_env or {})},
            timeout=300,
        )
        if result.returncode != 0:
            raise SmokeError(
                f"siec-desk {' '.join(args)} exited with {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result


def pdf_text(path: Path) -> str:
    check(path.read_bytes()[:5] == b"%PDF-", f"{path.name} is a PDF")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def letter_checks(bundle: Bundle, consultation: int) -> None:
    for lang, words in (("fr", FRENCH_WORDS), ("ar", ARABIC_WORDS)):
        out = bundle.work / f"letter-{lang}.pdf"
        # LD_DEBUG=libs lists every shared library the render loads, and from where.
        result = bundle.run(
            "letter",
            str(consultation),
            "--lang",
            lang,
            "--out",
            str(out),
            extra_env={"LD_DEBUG": "libs"},
        )
        text = pdf_text(out)
        missing = [w for w in words if w not in text]
        check(not missing, f"{lang} letter text has {', '.join(words)}", f"missing {missing}")
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
        check(
            bool(names) and all("Noto" in n for n in names),
            f"{lang} letter embeds only the bundled Noto fonts",
            str(names),
        )
        loaded = [line for line in result.stderr.splitlines() if "calling init:" in line]
        for lib in WEASYPRINT_LIBRARIES:
            paths = {line.rsplit("calling init:", 1)[1].strip() for line in loaded if lib in line}
            inside = all(p.startswith(str(bundle.app)) for p in paths)
            check(bool(paths) and inside, f"{lang} letter used the bundled {lib}", str(paths))


def batch_check(bundle: Bundle, day: str) -> None:
    """The batch renders in spawned worker processes: the frozen executable started again."""
    out = bundle.work / "batch"
    out.mkdir()
    bundle.run("letters", "--from", day, "--to", day, "--out", str(out), "--workers", "2")
    pdfs = sorted(out.glob("*.pdf"))
    ok = bool(pdfs) and all(p.read_bytes()[:5] == b"%PDF-" for p in pdfs)
    check(ok, f"letters batch in spawned worker processes wrote {len(pdfs)} PDF(s)")


def window_check(bundle: Bundle) -> None:
    """The real start-up path (no command): database, advisor, main window shown and idle."""
    result = bundle.run("--lang", "ar", extra_env={"SIEC_DESK_QUIT_WHEN_READY": "1"})
    check("ready" in result.stdout.split(), "the main window opens (Arabic, offscreen)")


def screenshot_checks(bundle: Bundle) -> None:
    for lang in ("fr", "ar"):
        out = bundle.work / f"today-{lang}.png"
        bundle.run("--lang", lang, "screenshot", "--view", "today", "--out", str(out))
        data = out.read_bytes() if out.exists() else b""
        check(data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, f"{lang} screenshot PNG")
    files = list(bundle.work.rglob("siec-desk.log"))
    check(bool(files), "the app wrote its log in the user's log folder")
    logs = "".join(p.read_text("utf-8", "replace") for p in files)
    check("qtbase_ar not found" not in logs, "Qt's Arabic catalogue (qtbase_ar) was found")
    check("Traceback" not in logs, "no traceback in the logs")


def install_checks(bundle: Bundle) -> None:
    prefix = bundle.work / "prefix"
    installer = bundle.app / "install.sh"
    subprocess.run(
        ["bash", str(installer), "--prefix", str(prefix)],
        check=True,
        env=bundle.env,
        cwd=bundle.cwd,
        capture_output=True,
    )
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    validation = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
    check(validation.returncode == 0, "installed menu entry is valid", validation.stdout.decode())
    exec_line = next(x for x in desktop.read_text("utf-8").splitlines() if x.startswith("Exec="))
    target = Path(exec_line.removeprefix("Exec="))
    check(
        target.is_file() and target.is_relative_to(prefix), "menu entry starts the installed copy"
    )
    icon = prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    check(icon.is_file(), "icon installed in the hicolor theme")
    version = bundle.run("--version", exe=prefix / "bin" / "siec-desk").stdout.strip()
    check(version.startswith("siec-desk "), "installed siec-desk runs")
    subprocess.run(
        ["bash", str(installer), "--prefix", str(prefix), "--uninstall"],
        check=True,
        env=bundle.env,
        cwd=bundle.cwd,
        capture_output=True,
    )
    check(not desktop.exists() and not icon.exists(), "uninstall removes the menu entry and icon")


def smoke(source: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    with tempfile.TemporaryDirectory(prefix="siec-desk-bundle-") as tmp:
        work = Path(tmp)
        check(not work.is_relative_to(ROOT), "bundle copied outside the checkout", str(work))
        bundle = Bundle(source, work)
        out = bundle.run("--version").stdout.strip()
        check(out == f"siec-desk {version}", f"--version prints siec-desk {version}", out)
        bundle.run("demo", "--households", "40", "--seed", "1", "--json")
        database = bundle.data / "siec-desk" / "siec-desk.sqlite3"
        check(database.is_file(), "demo created the database in the user data folder")
        rows = json.loads(bundle.run("consultation", "list", "--json").stdout)
        chosen = next((r for r in rows if r["household_id"] and r["measures"]), None)
        check(chosen is not None, "demo has a consultation with a household and measures")
        assert chosen is not None
        letter_checks(bundle, int(chosen["id"]))
        batch_check(bundle, str(chosen["date"]))
        window_check(bundle)
        screenshot_checks(bundle)
        install_checks(bundle)


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "siec-desk").resolve()
    if not (source / "siec-desk").is_file():
        print(f"no bundle at {source}: run bash packaging/build_bundle.sh", file=sys.stderr)
        return 1
    try:
        smoke(source)
    except (SmokeError, subprocess.SubprocessError, OSError) as exc:
        print(f"bundle smoke test failed: {exc}", file=sys.stderr)
        return 1
    print(f"bundle smoke test: every check passed ({source})")
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    raise SystemExit(main())
