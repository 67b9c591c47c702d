; The optional Windows installer (NSIS, built on Linux by packaging/windows.sh when
; makensis is present): installs for the current user only (no administrator needed)
; into %LOCALAPPDATA%\Programs\baocao, adds a Start-menu entry, opens .ron project files
; with baocao when double-clicked, and registers an uninstaller in Settings › Apps.
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> baocao.nsi
; A 64-bit installer: it runs wherever baocao.exe (64-bit) does, and under Wine64.
Target amd64-unicode
!include "MUI2.nsh"

Name "baocao ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\baocao"
RequestExecutionLevel user
SetCompressor /SOLID lzma
BrandingText "baocao — Soạn báo cáo sơ kết Nghị quyết 57"

!define MUI_ICON "baocao.ico"
!define MUI_UNICON "baocao.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\baocao.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\baocao"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Section "baocao"
  SetOutPath "$INSTDIR"
  File "${STAGE}\baocao.exe"
  File "${STAGE}\HUONG-DAN.txt"
  File "${STAGE}\mau-binh-minh-hai.ron"
  WriteUninstaller "$INSTDIR\go-cai-dat.exe"

  CreateDirectory "$SMPROGRAMS\baocao"
  CreateShortcut "$SMPROGRAMS\baocao\baocao - Soạn báo cáo.lnk" "$INSTDIR\baocao.exe"
  CreateShortcut "$SMPROGRAMS\baocao\Hướng dẫn sử dụng.lnk" "$INSTDIR\HUONG-DAN.txt"
  CreateShortcut "$SMPROGRAMS\baocao\Gỡ cài đặt baocao.lnk" "$INSTDIR\go-cai-dat.exe"

  ; .ron files open in baocao (for this user).
  WriteRegStr HKCU "Software\Classes\.ron" "" "baocao.duan"
  WriteRegStr HKCU "Software\Classes\baocao.duan" "" "Tệp dự án baocao"
  WriteRegStr HKCU "Software\Classes\baocao.duan\DefaultIcon" "" "$INSTDIR\baocao.exe,0"
  WriteRegStr HKCU "Software\Classes\baocao.duan\shell\open\command" "" '"$INSTDIR\baocao.exe" "%1"'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "baocao — Soạn báo cáo sơ kết Nghị quyết 57"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\baocao.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\go-cai-dat.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\go-cai-dat.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; Explorer shows the new icon of .ron files at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  ; The clerk's project files are elsewhere (Documents): only the program goes.
  Delete "$INSTDIR\baocao.exe"
  Delete "$INSTDIR\HUONG-DAN.txt"
  Delete "$INSTDIR\mau-binh-minh-hai.ron"
  Delete "$INSTDIR\go-cai-dat.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\baocao\baocao - Soạn báo cáo.lnk"
  Delete "$SMPROGRAMS\baocao\Hướng dẫn sử dụng.lnk"
  Delete "$SMPROGRAMS\baocao\Gỡ cài đặt baocao.lnk"
  RMDir "$SMPROGRAMS\baocao"
  ; .ron is left to whichever program took it since.
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "baocao.duan" 0 +2
    DeleteRegKey HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\baocao.duan"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
