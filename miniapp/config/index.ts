import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/** Only these build-time values reach client code (see src/config.ts). */
const apiBase = process.env.TARO_APP_API_BASE ?? '';

// The shared workspace package is TypeScript source behind a symlink: resolve it
// to its real path and let Taro's babel rule compile it like src/.
const sharedSrc = path.resolve(__dirname, '../../shared/src');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhuanyi-miniapp',
    date: '2026-11-22',
    // Styles are written at phone CSS-pixel scale (375 wide), like NutUI and the designs.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // MINIAPP_OUT_DIR lets a developer build beside the shared dist/ without wiping what others test against.
    outputRoot: process.env.MINIAPP_OUT_DIR ?? `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      // weapp needs an absolute origin; H5 is served by the BFF, so '' means same origin.
      API_BASE: JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: {
          enable: true,
          // Text stays in px so body text is never below 16px on a 360-wide phone.
          config: { propList: ['*', '!font-size', '!--zy-text-*', '!--zy-line-*'] },
        },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Scripts and the stylesheet at the end of <body>: the boot skeleton in src/index.html paints as soon as the
      // page arrives instead of waiting for a render-blocking stylesheet (one more round trip on a weak signal).
      htmlPluginOption: { inject: 'body' },
      compile: { include: [sharedSrc] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: {
          enable: true,
          config: { propList: ['*', '!font-size', '!--zy-text-*', '!--zy-line-*'] },
        },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // The jobs page (the first screen) travels with the app's entry scripts: otherwise the router asks for
        // its chunk only after those have run, one more round trip and download in series on a weak signal.
        chain.entry('app').add(path.resolve(__dirname, '../src/pages/jobs/index'));
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
