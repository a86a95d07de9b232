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
 * syllable + " " (a one-syllable run: "  X "); ASCII is copied, and any other character
 * becomes what fold_char (pipelines.store.hangul) makes of it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define IS_SYLLABLE(c) ((c) >= 0xAC00 && (c) <= 0xD7A3)
/* No character above U+3000 (IDEOGRAPHIC SPACE) is whitespace (tests/pipelines/
 * test_record.py checks it against this Python's tables), so Hangul and CJK text skips
 * the table lookup. */
#define IS_SPACE(c) ((c) <= 0x3000 && Py_UNICODE_ISSPACE(c))

/* fold_char of pipelines.store.hangul, set by set_fold(); the answers for the Basic
 * Multilingual Plane are kept in fold_cache (0: not asked yet), so Python is asked once
 * for each character met, and both analyzers fold through the same function. */
static PyObject *fold_func = NULL;
static Py_UCS4 fold_cache[0x10000];

/* The index form of a character that is neither ASCII nor a Hangul syllable, or
 * (Py_UCS4)-1 with an exception set. */
static Py_UCS4
fold(Py_UCS4 c)
{
    if (c < 0x10000 && fold_cache[c])
        return fold_cache[c];
    if (fold_func == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_bigrams.set_fold() was not called");
        return (Py_UCS4)-1;
    }
    PyObject *res = PyObject_CallFunction(fold_func, "C", (int)c);
    if (res == NULL)
        return (Py_UCS4)-1;
    if (!PyUnicode_Check(res) || PyUnicode_READY(res) < 0 || PyUnicode_GET_LENGTH(res) != 1) {
        Py_DECREF(res);
        PyErr_SetString(PyExc_ValueError, "fold_char must return one character");
        return (Py_UCS4)-1;
    }
    Py_UCS4 f = PyUnicode_READ_CHAR(res, 0);
    Py_DECREF(res);
    if (c < 0x10000)
        fold_cache[c] = f;
    return f;
}

static PyObject *
set_fold(PyObject *module, PyObject *func)
{
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "set_fold() takes a callable");
        return NULL;
    }
    Py_INCREF(func);
    Py_XSETREF(fold_func, func);
    memset(fold_cache, 0, sizeof(fold_cache));
    Py_RETURN_NONE;
}

/* 0 when arg is a ready str; else -1 with a TypeError naming the function. */
static int
ready_str(PyObject *arg, const char *name)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a str", name);
        return -1;
    }
    return PyUnicode_READY(arg);
}

/* arg itself when nothing changed (a plain copy of a str subclass: lxml's text results
 * keep their whole tree alive); else a new string of len characters up to max_char (the
 * smallest kind that holds them, as CPython requires) for the caller to fill. */
static PyObject *
new_result(PyObject *arg, int changed, Py_ssize_t len, Py_UCS4 max_char)
{
    if (!changed) {
        if (!PyUnicode_CheckExact(arg))
            return PyUnicode_FromObject(arg);
        Py_INCREF(arg);
        return arg;
    }
    return PyUnicode_New(len, max_char);
}

static PyObject *
bigrams(PyObject *module, PyObject *arg)
{
    if (ready_str(arg, "bigrams") < 0)
        return NULL;
    if (PyUnicode_IS_ASCII(arg)) {  /* nothing to do: the tokenizer reads ASCII itself */
        Py_INCREF(arg);
        return arg;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);

    /* pass 1: the output length (a run of k >= 2 syllables takes 3k characters, of 1: 4)
     * and its largest character (a string must be made in the smallest kind it fits) */
    Py_ssize_t out_len = 0, i = 0;
    Py_UCS4 max_char = 0;
    int changed = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!IS_SYLLABLE(c)) {
            if (c >= 0x80) {
                Py_UCS4 f = fold(c);
                if (f == (Py_UCS4)-1)
                    return NULL;
                changed |= f != c;
                c = f;
            }
            if (c > max_char)
                max_char = c;
            out_len++;
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && (c = PyUnicode_READ(kind, data, i), IS_SYLLABLE(c))) {
            if (c > max_char)
                max_char = c;
            i++;
        }
        Py_ssize_t k = i - start;
        out_len += k >= 2 ? 3 * k : 4;
        changed = 1;
    }
    if (max_char < ' ')
        max_char = ' ';
    PyObject *out = new_result(arg, changed, out_len, max_char);
    if (out == NULL || out == arg)
        return out;
    int okind = PyUnicode_KIND(out);
    void *odata = PyUnicode_DATA(out);
    Py_ssize_t o = 0;

    /* pass 2: write it */
    i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!IS_SYLLABLE(c)) {
            if (c >= 0x80 && (c = fold(c)) == (Py_UCS4)-1) {
                Py_DECREF(out);
                return NULL;
            }
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
    if (ready_str(arg, "collapse_whitespace") < 0)
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
    PyObject *out = new_result(arg, changed, out_len, max_char);
    if (out == NULL || out == arg)
        return out;
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
    {"set_fold", set_fold, METH_O,
     "Set the function that folds a character that is neither ASCII nor Hangul."},
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
