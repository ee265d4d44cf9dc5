# Lays a .docx out with LibreOffice twice in one run: as written (the cached table-of-contents entries
# and field results the exporter wrote), then after LibreOffice has updated every index (table of
# contents) and refreshed the fields itself. Writes both PDFs and prints, as JSON on stdout, the text of
# every index before and after the update.
#
#   usage: /usr/bin/python3 lo-refresh.py IN.docx WRITTEN.pdf REFRESHED.pdf PROFILE_DIR
#
# Used by tests/helpers/office.ts (layoutRefreshed). Needs python3-uno (the system Python).
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def index_texts(doc):
    indexes = doc.getDocumentIndexes()
    return [indexes.getByIndex(i).getAnchor().getString() for i in range(indexes.getCount())]


def export_pdf(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", "writer_pdf_Export"),))


def main():
    src, written_pdf, refreshed_pdf, profile = (os.path.abspath(a) for a in sys.argv[1:5])
    pipe = "brief-lo-" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless",
         "--norestore", "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        remote = None
        deadline = time.time() + 60
        while remote is None and time.time() < deadline:
            try:
                remote = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                time.sleep(0.2)
        if remote is None:
            sys.exit("lo-refresh: LibreOffice did not start")
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit("lo-refresh: LibreOffice could not open " + src)
        before = index_texts(doc)
        export_pdf(doc, written_pdf)
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        after = index_texts(doc)
        export_pdf(doc, refreshed_pdf)
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes away as LibreOffice quits
        json.dump({"indexes": [{"written": b, "refreshed": a} for b, a in zip(before, after)]},
                  sys.stdout, ensure_ascii=False)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


main()
