"""The init functions from an FFI that cannot expand a C macro (Python's ctypes
standing in for Java, C# and Go): a struct declared on the FFI side is set up by
onetrip_<struct>_init(&s, sizeof s) with the _INIT macro's defaults, then used
in a call; a size that is not the struct's is refused and changes nothing.

Usage: ctypes_init_test.py path/to/libonetrip.so
"""
import ctypes
import sys

lib = ctypes.CDLL(sys.argv[1])
lib.onetrip_last_error.restype = ctypes.c_char_p

INVALID_ARGUMENT = 3


class ClockOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("yellow_days_left", ctypes.c_int32),
                ("yellow_used", ctypes.c_double), ("red_days_left", ctypes.c_int32), ("red_used", ctypes.c_double)]


class CatalogCounts(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32)] + [(n, ctypes.c_size_t) for n in
                                                      ("halls", "departments", "materials", "matters", "bundles")]


options = ClockOptions()
assert lib.onetrip_clock_options_init(ctypes.byref(options), ctypes.sizeof(options)) == 0, lib.onetrip_last_error()
assert options.struct_size == ctypes.sizeof(options)
assert (options.yellow_days_left, options.yellow_used, options.red_days_left, options.red_used) == (3, 0.8, 1, 0.95)

before = bytes(options)
for size in (0, 5, 12, ctypes.sizeof(options) + 8):
    assert lib.onetrip_clock_options_init(ctypes.byref(options), size) == INVALID_ARGUMENT
    assert b"ONETRIP_CLOCK_OPTIONS_INIT" in lib.onetrip_last_error()
    assert bytes(options) == before

catalog = ctypes.c_void_p()
text = (b'{"schema": "onetrip/1", "halls": [{"id": "main", "name": "H"}], "departments": [],'
        b' "materials": [], "matters": [], "bundles": []}')
assert lib.onetrip_catalog_load_json(text, len(text), ctypes.byref(catalog)) == 0, lib.onetrip_last_error()
counts = CatalogCounts()
assert lib.onetrip_catalog_counts_init(ctypes.byref(counts), ctypes.sizeof(counts)) == 0
assert lib.onetrip_catalog_counts_get(catalog, ctypes.byref(counts)) == 0, lib.onetrip_last_error()
assert counts.halls == 1 and counts.matters == 0
lib.onetrip_catalog_free(catalog)
print("ctypes: init functions usable without the macros")
