"""Uploaded files: which names are accepted, and LaTeX project archives unpacked safely.

Nothing here imports the web framework, so it is tested on its own. Every file lands in the job's
temporary directory and nowhere else; an archive member is written only after its name has been
checked (no absolute path, no ``..``, no drive letter, no symbolic link) and its size counted as it is
read (the sizes the archive states are not trusted).
"""

from __future__ import annotations

import errno
import stat
import zipfile
from pathlib import Path, PurePosixPath

from refcheck.files import size_text
from refcheck.loaders import SUFFIXES, format_for, unreadable
from refcheck.loaders.docx import MAX_MEMBERS, MAX_RATIO

# Files checked on their own, and files read with them: bibliographies (.bib, CSL-JSON), LaTeX
# classes and styles, pandoc metadata.
SIDE_SUFFIXES = (".bib", ".json", ".sty", ".cls", ".bst", ".bbl", ".yaml", ".yml", ".csl")
ARCHIVE_SUFFIXES = (".zip",)
MAX_FILES = 50  # files in one upload (an archive counts as one)
MAX_NAME = 200


class UploadError(Exception):
    """An upload refused; the message is shown on the page as it is."""


class TooLarge(UploadError):
    """An upload over the size limits (HTTP 413)."""


def accepted_suffixes() -> list[str]:
    return sorted({*SUFFIXES, *SIDE_SUFFIXES, *ARCHIVE_SUFFIXES})


def safe_name(name: str) -> str:
    """``name`` when it is a plain file name refcheck reads, else UploadError saying why."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise UploadError("the file needs a name of at most 200 characters")
    if "/" in name or "\\" in name or "\x00" in name or name in (".", "..") or name.startswith("."):
        raise UploadError(f"{name!r} is not a plain file name")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in accepted_suffixes():
        known = ", ".join(sorted(SUFFIXES))
        raise UploadError(
            f"{name}: {unreadable(suffix)}; it reads {known}, and .zip archives of LaTeX projects"
        )
    return name


def is_archive(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in ARCHIVE_SUFFIXES


def to_check(names: list[str]) -> list[str]:
    """Of the uploaded file names, those to check: documents, not the files read with them; a lone
    bibliography is checked on its own."""
    docs = [n for n in names if format_for(n) not in (None, "bibtex") and not n.lower().endswith(".json")]
    if docs:
        return docs
    return [n for n in names if format_for(n) is not None]


def _member_path(info: zipfile.ZipInfo) -> PurePosixPath | None:
    """The member's relative path, or None for a directory; UploadError for an unsafe one."""
    raw = info.filename.replace("\\", "/")
    if raw.endswith("/"):
        return None
    path = PurePosixPath(raw)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise UploadError(f"the archive member {info.filename!r} points outside the project; refused")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UploadError(f"the archive member {info.filename!r} is a symbolic link; refused")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UploadError(f"the archive member {info.filename!r} is not a regular file; refused")
    return path


def _short(name: str, most: int = 120) -> str:
    return name if len(name) <= most else name[: most // 2] + "…" + name[-most // 2 :]


def extract_zip(archive: Path, target: Path, max_file_size: int, max_total: int) -> list[Path]:
    """Unpack ``archive`` under ``target``; the files written. UploadError (and nothing left half
    written beyond ``target``) for a bad or hostile archive."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        from refcheck.loaders.docx import not_a_zip

        with open(archive, "rb") as fh:
            head = fh.read(4096)
        raise UploadError(
            f"{archive.name} is not a zip archive ({not_a_zip(head)}): zip the project's folder and upload "
            "that, or upload its files one by one"
        ) from None
    written: list[Path] = []
    total = 0
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UploadError(f"{archive.name} has {len(infos)} members (limit {MAX_MEMBERS}); refused")
        members: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
        for info in infos:
            rel = _member_path(info)
            if rel is None:
                continue
            if any(part.startswith(".") for part in rel.parts) or "__MACOSX" in rel.parts:
                continue  # .git, editor files, macOS resource forks: never documents
            members.append((info, rel))
        # a project zipped as its folder ("paper/main.tex", "paper/refs.bib"): the folder is the target
        tops = {rel.parts[0] for _, rel in members}
        if len(tops) == 1 and all(len(rel.parts) > 1 for _, rel in members):
            members = [(info, PurePosixPath(*rel.parts[1:])) for info, rel in members]
        for info, rel in members:
            if info.file_size > max_file_size:
                raise UploadError(
                    f"{rel} in {archive.name} is {size_text(info.file_size)}, over the "
                    f"{size_text(max_file_size)} limit (--max-file-size)"
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UploadError(f"{rel} in {archive.name} is compressed beyond {MAX_RATIO} to 1; refused")
            dest = target.joinpath(*rel.parts)
            size = 0
            try:
                if target.resolve() not in dest.resolve().parents:
                    raise UploadError(
                        f"the archive member {info.filename!r} points outside the project; refused"
                    )
                try:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                except FileExistsError:
                    raise NotADirectoryError(
                        errno.ENOTDIR, "a file of the archive stands where a folder must go"
                    ) from None
                with zf.open(info) as src, dest.open("xb") as out:
                    while chunk := src.read(65536):
                        size += len(chunk)
                        total += len(chunk)
                        if size > max_file_size or total > max_total:
                            raise UploadError(
                                f"{archive.name} unpacks to more than {size_text(max_total)}; refused"
                                if total > max_total
                                else f"{rel} in {archive.name} is larger than it says; refused"
                            )
                        out.write(chunk)
            except FileExistsError:
                raise UploadError(f"{archive.name} holds {rel} twice; refused") from None
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError) as exc:
                # a file where a folder must go, a name or a path too long for this system...; the
                # reason without the server's own paths
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                raise UploadError(
                    f"{_short(str(rel))} in {archive.name} cannot be unpacked ({why})"
                ) from None
            written.append(dest)
    return written
