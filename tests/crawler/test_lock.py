import subprocess
import sys

import pytest

from crawler.lock import ArchiveLock, ArchiveLockedError


def test_second_lock_is_refused_and_released_after(tmp_path):
    db = tmp_path / "a.db"
    with ArchiveLock(db):
        with pytest.raises(ArchiveLockedError, match="another crawl"):
            ArchiveLock(db).acquire()
    with ArchiveLock(db):  # free again
        pass


def test_lock_held_by_another_process_and_freed_when_it_is_killed(tmp_path):
    db = tmp_path / "a.db"
    code = (
        "import sys,time; from crawler.lock import ArchiveLock; "
        f"l=ArchiveLock({str(db)!r}).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(ArchiveLockedError, match=f"pid {child.pid}"):
            ArchiveLock(db).acquire()
    finally:
        child.kill()
        child.wait()
    with ArchiveLock(db):
        pass
