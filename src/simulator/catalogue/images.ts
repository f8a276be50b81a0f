// Seeded public images, present in every region under the same ID (as the real ones are).
// IDs follow the real naming (<os>_<ver>_<arch>_<size>G_alibase_<date>.vhd).
// LoginAsNonRootSupported: ecs-user can be chosen at creation only from certain Linux
// images (ecs-security-spec.md Q6); never Windows, not the old CentOS/32-bit images here.

export interface PublicImageDef {
  ImageId: string;
  ImageName: string;
  ImageFamily: string;
  OSType: 'linux' | 'windows';
  Platform: string;
  OSName: string;
  OSNameEn: string;
  Architecture: 'x86_64' | 'i386' | 'arm64';
  /** GiB */
  Size: number;
  BootMode: 'BIOS' | 'UEFI' | 'UEFI-Preferred';
  LoginAsNonRootSupported: boolean;
  IsSupportCloudinit: boolean;
  CreationTime: string;
  Description: string;
}

function linux(
  ImageId: string, Platform: string, osEn: string, osZh: string, family: string, arch: PublicImageDef['Architecture'],
  nonRoot: boolean, created: string, size = 20,
): PublicImageDef {
  const bits = arch === 'i386' ? '32' : '64';
  return {
    ImageId, ImageName: ImageId, ImageFamily: family, OSType: 'linux', Platform,
    OSName: `${osZh} ${bits}位${arch === 'arm64' ? ' ARM版' : ''}`,
    OSNameEn: `${osEn} ${bits} bit${arch === 'arm64' ? ' ARM Edition' : ''}`,
    Architecture: arch, Size: size, BootMode: arch === 'arm64' ? 'UEFI' : 'BIOS',
    LoginAsNonRootSupported: nonRoot, IsSupportCloudinit: true, CreationTime: created, Description: '',
  };
}

function windows(ImageId: string, Platform: string, edition: string, lang: 'en-us' | 'zh-cn', created: string): PublicImageDef {
  const zh = lang === 'zh-cn' ? '中文版' : '英文版';
  return {
    ImageId, ImageName: ImageId, ImageFamily: `acs:${Platform.toLowerCase().replace(/ /g, '_')}_${lang.replace('-', '_')}`,
    OSType: 'windows', Platform,
    OSName: `${Platform} ${edition} 64位${zh}`, OSNameEn: `${Platform} ${edition} 64-bit (${lang === 'zh-cn' ? 'Chinese' : 'English'})`,
    Architecture: 'x86_64', Size: 40, BootMode: 'BIOS', LoginAsNonRootSupported: false, IsSupportCloudinit: false,
    CreationTime: created, Description: '',
  };
}

export const PUBLIC_IMAGES: PublicImageDef[] = [
  linux('aliyun_3_x64_20G_alibase_20240819.vhd', 'Aliyun', 'Alibaba Cloud Linux 3.2104 LTS', 'Alibaba Cloud Linux 3.2104 LTS', 'acs:alibaba_cloud_linux_3_2104_lts_x64', 'x86_64', true, '2024-08-20T06:09:33Z'),
  linux('aliyun_3_arm64_20G_alibase_20240819.vhd', 'Aliyun', 'Alibaba Cloud Linux 3.2104 LTS', 'Alibaba Cloud Linux 3.2104 LTS', 'acs:alibaba_cloud_linux_3_2104_lts_arm64', 'arm64', true, '2024-08-20T06:12:10Z'),
  linux('aliyun_2_1903_x64_20G_alibase_20240628.vhd', 'Aliyun', 'Alibaba Cloud Linux 2.1903 LTS', 'Alibaba Cloud Linux 2.1903 LTS', 'acs:alibaba_cloud_linux_2_1903_x64', 'x86_64', true, '2024-06-29T03:11:02Z'),
  linux('centos_7_9_x64_20G_alibase_20240628.vhd', 'CentOS', 'CentOS 7.9', 'CentOS 7.9', 'acs:centos_7_9_x64', 'x86_64', false, '2024-06-29T02:40:51Z'),
  linux('centos_6_10_32_20G_alibase_20200319.vhd', 'CentOS', 'CentOS 6.10', 'CentOS 6.10', 'acs:centos_6_10_x86', 'i386', false, '2020-03-20T01:24:08Z'),
  linux('ubuntu_22_04_x64_20G_alibase_20240926.vhd', 'Ubuntu', 'Ubuntu 22.04', 'Ubuntu 22.04', 'acs:ubuntu_22_04_x64', 'x86_64', true, '2024-09-27T08:02:17Z'),
  linux('ubuntu_22_04_arm64_20G_alibase_20240926.vhd', 'Ubuntu', 'Ubuntu 22.04', 'Ubuntu 22.04', 'acs:ubuntu_22_04_arm64', 'arm64', true, '2024-09-27T08:15:40Z'),
  linux('ubuntu_24_04_x64_20G_alibase_20240812.vhd', 'Ubuntu', 'Ubuntu 24.04', 'Ubuntu 24.04', 'acs:ubuntu_24_04_x64', 'x86_64', true, '2024-08-13T09:20:45Z'),
  linux('ubuntu_24_04_arm64_20G_alibase_20240812.vhd', 'Ubuntu', 'Ubuntu 24.04', 'Ubuntu 24.04', 'acs:ubuntu_24_04_arm64', 'arm64', true, '2024-08-13T09:31:02Z'),
  linux('debian_12_7_x64_20G_alibase_20240927.vhd', 'Debian', 'Debian 12.7', 'Debian 12.7', 'acs:debian_12_x64', 'x86_64', true, '2024-09-28T03:55:19Z'),
  linux('debian_12_7_arm64_20G_alibase_20240927.vhd', 'Debian', 'Debian 12.7', 'Debian 12.7', 'acs:debian_12_arm64', 'arm64', true, '2024-09-28T04:08:33Z'),
  windows('win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd', 'Windows Server 2022', 'Datacenter', 'en-us', '2024-08-17T02:30:00Z'),
  windows('win2022_21H2_x64_dtc_zh-cn_40G_alibase_20240816.vhd', 'Windows Server 2022', 'Datacenter', 'zh-cn', '2024-08-17T02:35:00Z'),
  windows('win2019_1809_x64_dtc_en-us_40G_alibase_20240816.vhd', 'Windows Server 2019', 'Datacenter', 'en-us', '2024-08-17T03:00:00Z'),
  windows('win2019_1809_x64_dtc_zh-cn_40G_alibase_20240816.vhd', 'Windows Server 2019', 'Datacenter', 'zh-cn', '2024-08-17T03:05:00Z'),
];
