"""Keep query workers off the network: a seccomp filter that refuses IPv4 and IPv6 sockets.

pyoxigraph executes ``SERVICE`` with its own HTTP client, out of Python's reach. The server
refuses such queries on their parse tree (:func:`reskg.publish.sparql.refuse_service`); this
filter is the second wall: a worker whose query slipped past could still not open a socket
(``socket(AF_INET|AF_INET6, ...)`` fails with EACCES). Unix sockets (the worker's pipe to the
server) stay allowed. Linux on x86_64 and aarch64 only; elsewhere :func:`deny_network`
returns False and the parse-tree check stands alone.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import socket
import struct
import sys

# (audit architecture, number of the socket syscall)
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
# BPF opcodes: load a 32-bit word at an absolute offset, jump if equal, return
_LD_ABS, _JEQ, _RET = 0x20, 0x15, 0x06


def _program(arch: int, socket_nr: int) -> bytes:
    """The BPF program: socket(AF_INET or AF_INET6, ...) -> EACCES, anything else allowed."""
    deny = _RET_ERRNO | errno.EACCES
    instructions = [
        (_LD_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 0, 5, arch),  # another architecture: allow
        (_LD_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JEQ, 0, 3, socket_nr),
        (_LD_ABS, 0, 0, 16),  # args[0] (low word): the address family
        (_JEQ, 2, 0, socket.AF_INET),
        (_JEQ, 1, 0, socket.AF_INET6),
        (_RET, 0, 0, _RET_ALLOW),
        (_RET, 0, 0, deny),
    ]
    return b"".join(struct.pack("=HBBI", *i) for i in instructions)


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> bool:
    """Forbid this process (and threads started later) IPv4/IPv6 sockets; False if unsupported."""
    arch = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    program = _program(*arch)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _Fprog(len(program) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
