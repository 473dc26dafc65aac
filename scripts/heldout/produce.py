"""The PDF producers: LibreOffice (from .docx, or importing HTML into Writer),
headless Chromium (printing HTML), and Ghostscript re-writing a finished PDF."""
import os
import shutil
import subprocess
import tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def run(cmd, timeout=240, env=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}): {p.stderr.decode(errors='replace')[-800:]}")
    return p


def libreoffice(src, out_pdf, infilter=None):
    """convert src (.docx or .html) to PDF with a private LibreOffice profile."""
    with tempfile.TemporaryDirectory() as tmp:
        prof = os.path.join(tmp, "profile")
        cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src]
        run(cmd)
        base = os.path.splitext(os.path.basename(src))[0] + ".pdf"
        shutil.move(os.path.join(tmp, base), out_pdf)


def chromium(html_path, out_pdf):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", f"--print-to-pdf={out_pdf}",
               "file://" + os.path.abspath(html_path)]
        run(cmd)
    if not os.path.exists(out_pdf) or os.path.getsize(out_pdf) == 0:
        raise RuntimeError(f"chromium wrote no PDF for {html_path}")


def ghostscript(in_pdf, out_pdf):
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.5",
         f"-sOutputFile={out_pdf}", in_pdf])


def pdfinfo(path):
    out = run(["pdfinfo", path]).stdout.decode(errors="replace")
    info = {}
    for line in out.splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info
