; Inno Setup script: the Windows installer of SIEC Desk, in English, French and Arabic.
; Needs Inno Setup 6.5 or newer (its Languages\Arabic.isl is right-to-left).
; Build (docs/packaging.md), after PyInstaller wrote dist\siec-desk\:
;   iscc /DAppVersion=0.5.0 packaging\windows\siec-desk.iss
; Output: dist\siec-desk-<version>-windows-x64-setup.exe
; Installs for the current user by default (no administrator rights needed on a centre's
; PC); the user's database, backups and letters are never removed by the uninstaller.

#if Ver < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 or newer is needed (Arabic.isl)
#endif
#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z siec-desk.iss
#endif

[Setup]
AppId=org.siec_desk.SiecDesk
AppName=SIEC Desk
AppVersion={#AppVersion}
AppVerName=SIEC Desk {#AppVersion}
AppPublisher=SIEC Desk team
AppPublisherURL=https://github.com/siec-desk/siec-desk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\SIEC Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=siec-desk-{#AppVersion}-windows-x64-setup
SetupIconFile=siec-desk.ico
UninstallDisplayIcon={app}\siec-desk.exe
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"

[CustomMessages]
en.AppComment=Energy advice consultations, letters and activity
fr.AppComment=Consultations du conseil en énergie, courriers et activité
ar.AppComment=استشارات الطاقة والرسائل والنشاط
en.CommandLineName=SIEC Desk command line
fr.CommandLineName=SIEC Desk en ligne de commande
ar.CommandLineName=سطر أوامر SIEC Desk
en.DataKept=SIEC Desk was removed. Your database, backups and letters were kept in %1.
fr.DataKept=SIEC Desk a été désinstallé. Votre base de données, vos sauvegardes et vos courriers ont été conservés dans %1.
ar.DataKept=تمت إزالة SIEC Desk. تم الاحتفاظ بقاعدة بياناتكم ونسخكم الاحتياطية ورسائلكم في %1.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\siec-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\SIEC Desk"; Filename: "{app}\siec-desk.exe"; Comment: "{cm:AppComment}"; AppUserModelID: "org.siec_desk.SiecDesk"
Name: "{autoprograms}\{cm:CommandLineName}"; Filename: "{cmd}"; Parameters: "/k ""{app}\siec-desk-cli.exe"" --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\siec-desk.exe"
Name: "{autodesktop}\SIEC Desk"; Filename: "{app}\siec-desk.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\siec-desk.exe"; Description: "{cm:LaunchProgram,SIEC Desk}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The data folder is platformdirs' user data folder: %LOCALAPPDATA%\siec-desk }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\siec-desk')]),
      mbInformation, MB_OK);
end;
