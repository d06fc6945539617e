/**
 * The modules an analysis never reads from disk although they exist there: Python's
 * standard library (typing, functools, dataclasses, math, os, ...) and packages that build
 * no layers. The interpreter models what it needs of them by dotted path
 * (core/stdlibCalls.ts, core/builtins.ts); running their real source would be slow and
 * would follow nothing a model depends on.
 */

/** Top-level names of the standard library (CPython 3.11's `sys.stdlib_module_names`, public ones), plus helpers that behave like it. */
const standardModules = new Set(
  (
    'abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect ' +
    'builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall ' +
    'concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm ' +
    'decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp ' +
    'fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip ' +
    'hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword ' +
    'lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt ' +
    'multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev ' +
    'pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats ' +
    'pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource ' +
    'rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket ' +
    'socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct ' +
    'subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this ' +
    'threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types ' +
    'typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref ' +
    'xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo ' +
    '__future__ typing_extensions six'
  ).split(' '),
);

/**
 * Installed packages that build no layers (images, plots, data, logging, progress bars):
 * their source is large and never decides a shape, so it is not read either.
 */
const layerlessPackages = new Set(
  ('PIL cv2 matplotlib pandas scipy sklearn skimage imageio tqdm requests yaml h5py wandb tensorboard tensorboardX ' + 'onnx onnxruntime accimage av pycocotools lmdb').split(' '),
);

/** Whether the module of this dotted name is never read from disk: the standard library (`os.path`) or a layerless package (`PIL.Image`). */
export function isUnreadModule(module: string): boolean {
  const dot = module.indexOf('.');
  const head = dot < 0 ? module : module.slice(0, dot);
  return standardModules.has(head) || layerlessPackages.has(head);
}
