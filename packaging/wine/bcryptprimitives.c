/* A stand-in for Windows 10's bcryptprimitives.dll, for running baocao.exe under Wine 8
 * only: Rust's std asks it for random bytes (ProcessPrng), which Wine 8 lacks. Windows
 * 10 and 11 have the real one; this file is never shipped. Built beside the exe by
 * packaging/wine/test-print.sh (and the other Wine tests):
 *   x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c \
 *       bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
