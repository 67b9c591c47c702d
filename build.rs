//! Build script, Windows targets only: gives `baocao.exe` its icon and version
//! information (what Explorer shows in the file's Properties), compiled from a
//! resource script with mingw's `windres` and linked into the program. Other targets
//! build exactly as without it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/baocao.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" {
        return;
    }
    if env != "gnu" {
        // MSVC builds would need rc.exe; the shipped build is the GNU one.
        println!(
            "cargo:warning=baocao.exe is built without icon and version information (only the GNU target compiles them)"
        );
        return;
    }
    if let Err(e) = embed_resources() {
        println!("cargo:warning=baocao.exe is built without icon and version information: {e}");
    }
}

/// Writes the resource script, compiles it and asks the linker to include it.
fn embed_resources() -> Result<(), String> {
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let version = std::env::var("CARGO_PKG_VERSION").map_err(|e| e.to_string())?;
    let icon = manifest.join("packaging").join("baocao.ico");
    let script = out.join("baocao.rc");
    std::fs::write(&script, resource_script(&icon, &version)).map_err(|e| e.to_string())?;
    let object = out.join("baocao-resources.o");
    let windres =
        std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".to_owned());
    let status = Command::new(&windres)
        .arg("--input-format=rc")
        .arg("--output-format=coff")
        .arg("--codepage=65001")
        .arg("-i")
        .arg(&script)
        .arg("-o")
        .arg(&object)
        .status()
        .map_err(|e| format!("{windres}: {e}"))?;
    if !status.success() {
        return Err(format!("{windres} failed ({status})"));
    }
    // An object file named on the link line is always linked, unlike a member of a
    // static library nothing refers to.
    println!("cargo:rustc-link-arg-bin=baocao={}", object.display());
    Ok(())
}

/// The resource script: the icon and a Vietnamese (0x042A, UTF-16) version block.
fn resource_script(icon: &Path, version: &str) -> String {
    let numbers: Vec<u16> = version
        .split(['.', '-', '+'])
        .map_while(|part| part.parse().ok())
        .chain(std::iter::repeat(0))
        .take(4)
        .collect();
    let dotted = numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let icon = icon.display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {dotted}
PRODUCTVERSION {dotted}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042A04B0"
    BEGIN
      VALUE "CompanyName", "baocao"
      VALUE "FileDescription", "baocao — Soạn báo cáo sơ kết Nghị quyết 57"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "baocao"
      VALUE "LegalCopyright", "Giấy phép MIT"
      VALUE "OriginalFilename", "baocao.exe"
      VALUE "ProductName", "baocao"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042A, 1200
  END
END
"#
    )
}
