/* Holds a file open the way Word, an antivirus or a sync client can: a handle with
 * share mode 0, so that no other program may read, replace or delete the file until
 * it is closed. Used by packaging/wine/test-cli.sh (built with x86_64-w64-mingw32-gcc).
 *
 *   holdopen.exe FILE READY RELEASE [read]
 * opens FILE, creates READY once it holds it, and closes FILE when RELEASE appears
 * (or after two minutes). With `read`, others may still read the file (share mode
 * FILE_SHARE_READ, as a sync client or an antivirus holds it) but not replace it. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4 && argc != 5) {
        fwprintf(stderr, L"usage: holdopen FILE READY RELEASE [read]\n");
        return 2;
    }
    DWORD share = (argc == 5 && wcscmp(argv[4], L"read") == 0) ? FILE_SHARE_READ : 0;
    HANDLE held = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, share, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"holdopen: cannot open the file (error %lu)\n", GetLastError());
        return 1;
    }
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"holdopen: cannot write the ready marker (error %lu)\n", GetLastError());
        CloseHandle(held);
        return 1;
    }
    CloseHandle(ready);
    for (int i = 0; i < 1200; i++) {
        if (GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES)
            break;
        Sleep(100);
    }
    CloseHandle(held);
    return 0;
}
