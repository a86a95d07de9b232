/* The index analysis of pipelines.store.hangul in C: the hot path of every archive write.
 *
 * Why C: the archive indexes every stored field through this function (SQL
 * na_hangul_bigrams), and in Python it was about a fifth of the ingest time even with a
 * memo of frequent eojeols. This walks the string once and writes the result once.
 *
 * It must give exactly what the pure-Python analyzer gives (the contentless FTS5 index
 * can only delete rows whose tokens are reproduced exactly, and an archive written with
 * one is read with the other); tests/pipelines/store/test_search.py checks that on
 * generated text. The caller has already NFC-normalised the text.
 *
 * bigrams(text: str) -> str: every maximal run of Hangul syllables (U+AC00-U+D7A3) of
 * n characters becomes " " + its n-1 overlapping bigrams joined by " " + " " + its last
 * syllable + " " (a one-syllable run: "  X "); everything else is copied.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define IS_SYLLABLE(c) ((c) >= 0xAC00 && (c) <= 0xD7A3)
/* No character above U+3000 (IDEOGRAPHIC SPACE) is whitespace (tests/pipelines/
 * test_record.py checks it against this Python's tables), so Hangul and CJK text skips
 * the table lookup. */
#define IS_SPACE(c) ((c) <= 0x3000 && Py_UNICODE_ISSPACE(c))

static PyObject *
bigrams(PyObject *module, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "bigrams() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0)
        return NULL;
    int kind = PyUnicode_KIND(arg);
    if (kind == PyUnicode_1BYTE_KIND) {  /* no character above U+00FF: nothing to do */
        Py_INCREF(arg);
        return arg;
    }
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);

    /* pass 1: the output length (a run of k >= 2 syllables takes 3k characters, of 1: 4) */
    Py_ssize_t out_len = 0, i = 0;
    int any = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!IS_SYLLABLE(c)) {
            out_len++;
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && IS_SYLLABLE(PyUnicode_READ(kind, data, i)))
            i++;
        Py_ssize_t k = i - start;
        out_len += k >= 2 ? 3 * k : 4;
        any = 1;
    }
    if (!any) {
        Py_INCREF(arg);
        return arg;
    }

    PyObject *out = PyUnicode_New(out_len, PyUnicode_MAX_CHAR_VALUE(arg));
    if (out == NULL)
        return NULL;
    int okind = PyUnicode_KIND(out);
    void *odata = PyUnicode_DATA(out);
    Py_ssize_t o = 0;

    /* pass 2: write it */
    i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!IS_SYLLABLE(c)) {
            PyUnicode_WRITE(okind, odata, o++, c);
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && IS_SYLLABLE(PyUnicode_READ(kind, data, i)))
            i++;
        PyUnicode_WRITE(okind, odata, o++, ' ');
        for (Py_ssize_t j = start; j + 1 < i; j++) {
            if (j > start)
                PyUnicode_WRITE(okind, odata, o++, ' ');
            PyUnicode_WRITE(okind, odata, o++, PyUnicode_READ(kind, data, j));
            PyUnicode_WRITE(okind, odata, o++, PyUnicode_READ(kind, data, j + 1));
        }
        PyUnicode_WRITE(okind, odata, o++, ' ');
        PyUnicode_WRITE(okind, odata, o++, PyUnicode_READ(kind, data, i - 1));
        PyUnicode_WRITE(okind, odata, o++, ' ');
    }
    assert(o == out_len);
    return out;
}

/* collapse_whitespace(text: str) -> str: " ".join(text.split()), without making a string
 * for every word (a third of the time of hashing an article for change detection).
 * Py_UNICODE_ISSPACE is the test str.split() itself uses, so the two agree on every
 * character; pipelines.record.normalise_text falls back to the split where this module
 * is not built. */
static PyObject *
collapse_whitespace(PyObject *module, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "collapse_whitespace() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0)
        return NULL;
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);

    /* pass 1: the output's length and largest character, and whether it differs */
    Py_ssize_t out_len = 0;
    Py_UCS4 max_char = 0;
    int gap = 0, changed = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (IS_SPACE(c)) {
            if (gap || out_len == 0 || c != ' ')
                changed = 1;  /* a run, a leading space, or a space that is not ' ' */
            gap = 1;
            continue;
        }
        if (gap && out_len) {
            out_len++;
            if (max_char < ' ')
                max_char = ' ';
        }
        gap = 0;
        out_len++;
        if (c > max_char)
            max_char = c;
    }
    if (gap)
        changed = 1;  /* trailing space */
    if (!changed) {
        Py_INCREF(arg);
        return arg;
    }
    PyObject *out = PyUnicode_New(out_len, max_char);
    if (out == NULL)
        return NULL;
    int okind = PyUnicode_KIND(out);
    void *odata = PyUnicode_DATA(out);
    Py_ssize_t o = 0;
    gap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (IS_SPACE(c)) {
            gap = 1;
            continue;
        }
        if (gap && o)
            PyUnicode_WRITE(okind, odata, o++, ' ');
        gap = 0;
        PyUnicode_WRITE(okind, odata, o++, c);
    }
    assert(o == out_len);
    return out;
}

static PyMethodDef methods[] = {
    {"bigrams", bigrams, METH_O,
     "The Hangul-bigram index form of an NFC string (see pipelines.store.hangul)."},
    {"collapse_whitespace", collapse_whitespace, METH_O,
     "\" \".join(text.split()) in one pass (see pipelines.record.normalise_text)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_bigrams",
    "C implementations of pipelines.store.hangul's index analysis and of "
    "pipelines.record.normalise_text's whitespace collapsing.", -1, methods,
};

PyMODINIT_FUNC
PyInit__bigrams(void)
{
    return PyModule_Create(&module);
}
