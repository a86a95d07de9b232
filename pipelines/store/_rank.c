/* na_bm25: FTS5's bm25 order without costs that grow with the archive.
 *
 * 1. FTS5's bm25 first runs each phrase over the whole index (xQueryPhrase) to count
 *    the rows that hold it, for the IDF. At a million articles that reads every match
 *    of a common word, while search ranks only the most recent 10,000 of them
 *    (search.RANK_WINDOW). With a single phrase (one word, a quoted phrase, a prefix
 *    query) the IDF multiplies every row's score by the same positive number and cannot
 *    change the order, so this function leaves it out (IDF = 1). With two or more
 *    phrases it counts them as bm25 does and gives bm25's scores.
 * 2. A row's length comes from xColumnSize, which runs an SQL statement for every row:
 *    ~90% of the function's instructions (callgrind). Given the FTS5 table's name as its
 *    first argument ('name' or 'schema.name'), this function reads the row's %_docsize
 *    record through one blob handle instead. The first row is checked against
 *    xColumnSize, so a wrong name is an error, not wrong scores.
 *
 * 3. Every matching row's length is read, though a query shows only its best few.
 *    na_bm25_top(k, ...) scores exactly only the rows that can still be among the k
 *    best seen so far: its instances give a row's weighted frequencies and a lower
 *    bound of its length (a column holds at least offset + phrase size tokens), so an
 *    upper bound of its score without reading the length. When that bound is already
 *    worse than the k-th best exact score so far, the row is given the bound, which
 *    loses to those k rows, and its length is never read. ORDER BY rank LIMIT k thus
 *    gives bm25's k best rows with their exact scores, in bm25's order; rows past the
 *    k-th have scores no worse than their own (an upper bound), and must not be used.
 *    (The same idea as MaxScore/WAND in search engines: most rows of a common word read
 *    a few bytes of the index instead of a B-tree page.) It relies on being called
 *    for each row of the result once, with nothing filtering rows after it: search uses
 *    it only where the FTS5 query is the whole of the ranking.
 *
 * Arguments: na_bm25(['table'], w...) and na_bm25_top(k, ['table'], w...): the optional
 * table name, then bm25's: one weight per column (missing ones are 1.0). The formula and
 * constants (k1 = 1.2, b = 0.75, IDF floor 1e-6) are those of fts5_aux.c.
 *
 * How it reaches a connection: Python's sqlite3 module offers no way to load an SQLite
 * extension, so pipelines/store/fts5rank.py registers entry_point() with
 * sqlite3_auto_extension (taken with ctypes from the library the sqlite3 module itself
 * uses); SQLite then calls it for every connection opened afterwards. Everything here
 * calls SQLite through the routines SQLite hands the entry point (sqlite3ext.h), so
 * this module does not link against any SQLite library of its own.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <sqlite3ext.h>

SQLITE_EXTENSION_INIT1

typedef struct {
    int n_phrase;
    int n_col;
    double avgdl;        /* mean number of tokens in a row (all columns) */
    double *idf;         /* one per phrase */
    double *freq;        /* scratch: weighted instance count per phrase, for one row */
    sqlite3_blob *sizes; /* open on the table's %_docsize row of the last row, or NULL */
    int sizes_checked;   /* the first row's size was compared with xColumnSize's */
    int *col_end;        /* scratch: per column, the end of its last instance, for one row */
    /* na_bm25_top: the best k exact scores so far (a min-heap: top[0] is the k-th) */
    int k;
    int n_top;
    double *top;
    sqlite3_int64 last_rowid; /* the row scored last, and its result: a second call for */
    double last_result;       /* the same row must not see its own score in the heap */
    int has_last;
} RankData;

static void
free_rank_data(void *p)
{
    RankData *d = (RankData *)p;
    if (d->sizes)
        sqlite3_blob_close(d->sizes);
    sqlite3_free(d->top);
    sqlite3_free(d);
}

static int
count_rows(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

/* The blob handle on "<table>_docsize".sz for the table named by the first argument
 * ("name" or "schema.name"), positioned on rowid; NULL (and xColumnSize is used) when
 * there is no such table. Reading it is the same B-tree lookup as xColumnSize's, without
 * running a statement for every row, which was ~90% of the function's time. */
static sqlite3_blob *
open_sizes(sqlite3_context *ctx, sqlite3_value *name, sqlite3_int64 rowid)
{
    const char *full = (const char *)sqlite3_value_text(name);
    if (!full)
        return NULL;
    const char *dot = strchr(full, '.');
    char *schema = dot ? sqlite3_mprintf("%.*s", (int)(dot - full), full)
                       : sqlite3_mprintf("main");
    char *table = sqlite3_mprintf("%s_docsize", dot ? dot + 1 : full);
    sqlite3_blob *blob = NULL;
    if (schema && table &&
        sqlite3_blob_open(sqlite3_context_db_handle(ctx), schema, table, "sz", rowid, 0,
                          &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);  /* NULL or a handle to let go of */
        blob = NULL;
    }
    sqlite3_free(schema);
    sqlite3_free(table);
    return blob;
}

/* One SQLite varint from p (n bytes available): the bytes it takes, 0 if cut short. */
static int
get_varint(const unsigned char *p, int n, unsigned long long *v)
{
    unsigned long long x = 0;
    for (int i = 0; i < 9 && i < n; i++) {
        if (i == 8) {
            *v = (x << 8) | p[i];
            return 9;
        }
        x = (x << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

/* The number of tokens in the row from its %_docsize record (one varint per column);
 * -1 when that cannot be read. */
static int
blob_row_size(RankData *d, sqlite3_int64 rowid, int reposition)
{
    unsigned char small[128];
    if (reposition && sqlite3_blob_reopen(d->sizes, rowid) != SQLITE_OK) {
        sqlite3_blob_close(d->sizes);  /* a failed reopen leaves the handle aborted */
        d->sizes = NULL;
        return -1;
    }
    int n = sqlite3_blob_bytes(d->sizes);
    unsigned char *buf = n <= (int)sizeof(small) ? small : sqlite3_malloc(n);
    if (!buf)
        return -1;
    long long total = 0;
    if (sqlite3_blob_read(d->sizes, buf, n, 0) != SQLITE_OK)
        total = -1;
    for (int col = 0, at = 0; total >= 0 && col < d->n_col; col++) {
        unsigned long long v;
        int used = get_varint(buf + at, n - at, &v);
        if (!used || v > 0x7fffffff)
            total = -1;
        else
            total += (long long)v;
        at += used;
    }
    if (buf != small)
        sqlite3_free(buf);
    return total > 0x7fffffff ? -1 : (int)total;
}

#define WRONG_TABLE (-1)

static int
row_size(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, RankData *d,
         sqlite3_value *name, int *out)
{
    sqlite3_int64 rowid = api->xRowid(fts);
    int size = -1;
    if (name && !d->sizes_checked) {
        d->sizes = open_sizes(ctx, name, rowid);
        if (d->sizes)
            size = blob_row_size(d, rowid, 0);
    } else if (d->sizes) {
        size = blob_row_size(d, rowid, 1);
    }
    if (size >= 0 && d->sizes_checked) {
        *out = size;
        return SQLITE_OK;
    }
    int rc = api->xColumnSize(fts, -1, out);
    if (rc == SQLITE_OK && name && !d->sizes_checked) {
        d->sizes_checked = 1;
        if (size != *out) {  /* not this table's sizes: a wrong name, or another format */
            if (d->sizes)
                sqlite3_blob_close(d->sizes);
            d->sizes = NULL;
            return WRONG_TABLE;
        }
    }
    return rc;
}

static int
rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int k, RankData **out)
{
    RankData *d = (RankData *)api->xGetAuxdata(fts, 0);
    if (d) {
        *out = d;
        return SQLITE_OK;
    }
    int n_phrase = api->xPhraseCount(fts);
    int n_col = api->xColumnCount(fts);
    sqlite3_int64 n_row = 0, n_token = 0;
    size_t n_doubles = 2 * (size_t)(n_phrase ? n_phrase : 1);
    size_t bytes = sizeof(RankData) + sizeof(double) * n_doubles + sizeof(int) * (size_t)n_col;
    d = (RankData *)sqlite3_malloc64(bytes);
    if (!d)
        return SQLITE_NOMEM;
    memset(d, 0, bytes);
    d->n_phrase = n_phrase;
    d->n_col = n_col;
    d->idf = (double *)&d[1];
    d->freq = &d->idf[n_phrase ? n_phrase : 1];
    d->col_end = (int *)&d->idf[n_doubles];
    d->k = k;
    int rc = SQLITE_OK;
    if (k > 0) {
        d->top = (double *)sqlite3_malloc64(sizeof(double) * (size_t)k);
        if (!d->top)
            rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK)
        rc = api->xRowCount(fts, &n_row);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &n_token);
    if (rc == SQLITE_OK)
        d->avgdl = n_row > 0 ? (double)n_token / (double)n_row : 1.0;
    if (d->avgdl <= 0.0)
        d->avgdl = 1.0;
    for (int i = 0; rc == SQLITE_OK && i < n_phrase; i++) {
        if (n_phrase == 1) {  /* a constant factor of every score: order unchanged */
            d->idf[i] = 1.0;
            break;
        }
        sqlite3_int64 n_hit = 0;
        rc = api->xQueryPhrase(fts, i, &n_hit, count_rows);
        double idf = log((n_row - n_hit + 0.5) / (n_hit + 0.5));
        d->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (rc != SQLITE_OK) {
        free_rank_data(d);
        return rc;
    }
    rc = api->xSetAuxdata(fts, d, free_rank_data);  /* on failure it has freed d itself */
    if (rc != SQLITE_OK)
        return rc;
    *out = d;
    return SQLITE_OK;
}

/* bm25 of one row from its weighted frequencies and length (n_tok). */
static double
score_of(const RankData *d, double n_tok)
{
    const double k1 = 1.2, b = 0.75;
    double norm = k1 * (1.0 - b + b * n_tok / d->avgdl);
    double score = 0.0;
    for (int i = 0; i < d->n_phrase; i++)
        score += d->idf[i] * (d->freq[i] * (k1 + 1.0)) / (d->freq[i] + norm);
    return score;
}

/* Keep score if it is among the k best exact scores so far (min-heap of d->top). */
static void
heap_offer(RankData *d, double score)
{
    double *h = d->top;
    int i;
    if (d->n_top < d->k) {
        for (i = d->n_top++; i > 0 && h[(i - 1) / 2] > score; i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = score;
        return;
    }
    if (!(score > h[0]))
        return;
    for (i = 0;;) {  /* sift the new k-th best down from the root */
        int child = 2 * i + 1;
        if (child >= d->n_top)
            break;
        if (child + 1 < d->n_top && h[child + 1] < h[child])
            child++;
        if (!(h[child] < score))
            break;
        h[i] = h[child];
        i = child;
    }
    h[i] = score;
}

static void
rank_row(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int k,
         int n_val, sqlite3_value **vals)
{
    sqlite3_value *name = NULL;
    if (n_val > 0 && sqlite3_value_type(vals[0]) == SQLITE_TEXT) {  /* the table's name */
        name = vals[0];
        vals++;
        n_val--;
    }
    RankData *d = NULL;
    int rc = rank_data(api, fts, k, &d);
    sqlite3_int64 rowid = api->xRowid(fts);
    if (rc == SQLITE_OK && d->has_last && d->last_rowid == rowid) {
        sqlite3_result_double(ctx, d->last_result);
        return;
    }
    int n_inst = 0, n_tok = 0;
    if (rc == SQLITE_OK) {
        memset(d->freq, 0, sizeof(double) * (size_t)(d->n_phrase ? d->n_phrase : 1));
        memset(d->col_end, 0, sizeof(int) * (size_t)d->n_col);
        rc = api->xInstCount(fts, &n_inst);
    }
    for (int i = 0; rc == SQLITE_OK && i < n_inst; i++) {
        int phrase, col, offset;
        rc = api->xInst(fts, i, &phrase, &col, &offset);
        if (rc != SQLITE_OK || col < 0 || col >= d->n_col)
            continue;
        d->freq[phrase] += n_val > col ? sqlite3_value_double(vals[col]) : 1.0;
        int end = offset + api->xPhraseSize(fts, phrase);
        if (end > d->col_end[col])
            d->col_end[col] = end;
    }
    double result = 0.0;
    int bounded = 0;
    if (rc == SQLITE_OK && d->k > 0 && d->n_top == d->k) {
        double min_tok = 0.0;  /* the row holds at least this many tokens */
        for (int col = 0; col < d->n_col; col++)
            min_tok += d->col_end[col];
        double bound = score_of(d, min_tok);  /* score falls as the length grows */
        if (bound < d->top[0]) {  /* cannot be among the k best: its length is not needed */
            result = -bound;
            bounded = 1;
        }
    }
    if (rc == SQLITE_OK && !bounded)
        rc = row_size(api, fts, ctx, d, name, &n_tok);
    if (rc == WRONG_TABLE) {
        sqlite3_result_error(ctx, "na_bm25: its first argument must be the name of the FTS5 "
                             "table queried", -1);
        return;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (!bounded) {
        double score = score_of(d, (double)n_tok);
        if (d->k > 0)
            heap_offer(d, score);
        result = -1.0 * score;
    }
    d->last_rowid = rowid;
    d->last_result = result;
    d->has_last = 1;
    sqlite3_result_double(ctx, result);
}

static void
na_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
        int n_val, sqlite3_value **vals)
{
    rank_row(api, fts, ctx, 0, n_val, vals);
}

/* The most rows na_bm25_top keeps scores for (search shows at most 10,000). */
#define MAX_TOP 1000000

static void
na_bm25_top(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
            int n_val, sqlite3_value **vals)
{
    sqlite3_int64 k = n_val > 0 && sqlite3_value_type(vals[0]) == SQLITE_INTEGER
                          ? sqlite3_value_int64(vals[0]) : 0;
    if (k < 1 || k > MAX_TOP) {
        sqlite3_result_error(ctx, "na_bm25_top: its first argument must be the number of "
                             "rows wanted, an integer from 1 to 1000000", -1);
        return;
    }
    rank_row(api, fts, ctx, (int)k, n_val - 1, vals + 1);
}

static int
register_rank(sqlite3 *db, char **err, const sqlite3_api_routines *routines)
{
    (void)err;
    SQLITE_EXTENSION_INIT2(routines);
    fts5_api *fts5 = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, (void *)&fts5, "fts5_api_ptr", NULL);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (fts5 == NULL || fts5->iVersion < 2)
        return SQLITE_OK;  /* no FTS5 here: nothing to rank, and the connection opens */
    fts5->xCreateFunction(fts5, "na_bm25", NULL, na_bm25, NULL);
    fts5->xCreateFunction(fts5, "na_bm25_top", NULL, na_bm25_top, NULL);
    return SQLITE_OK;
}

static PyObject *
entry_point(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromVoidPtr((void *)register_rank);
}

static PyMethodDef methods[] = {
    {"entry_point", entry_point, METH_NOARGS,
     "The address of the SQLite extension entry point that registers na_bm25."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_rank", "FTS5 ranking function na_bm25 (see _rank.c).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__rank(void)
{
    return PyModule_Create(&module_def);
}
