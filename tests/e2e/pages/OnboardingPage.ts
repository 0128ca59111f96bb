import type { Locator, Page } from '@playwright/test'

/** The first-run flow shown while settings.onboarded is false. */
export class OnboardingPage {
  readonly root: Locator
  readonly next: Locator
  readonly skip: Locator
  readonly language: Locator
  readonly firstLanguage: Locator
  readonly level: Locator
  readonly micTest: Locator
  /** The on-device model offered on step 2 for a learner without a key. */
  readonly starter: Locator
  readonly starterStatus: Locator
  readonly starterReady: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('onboarding')
    this.next = page.getByTestId('onboarding-next')
    this.skip = page.getByTestId('onboarding-skip')
    this.language = page.getByTestId('onboarding-language')
    this.firstLanguage = page.getByTestId('onboarding-first-language')
    this.level = page.getByTestId('onboarding-level')
    this.micTest = page.getByTestId('mic-test-button')
    this.starter = page.getByTestId('on-device-starter')
    this.starterStatus = page.getByTestId('on-device-starter-status')
    this.starterReady = page.getByTestId('on-device-starter-ready')
  }

  /** 0 welcome, 1 languages, 2 keys or on-device, 3 microphone, 4 ready. */
  async step(): Promise<number> {
    return Number(await this.root.getAttribute('data-step'))
  }

  async chooseProvider(label: 'Claude (Anthropic)' | 'On-device'): Promise<void> {
    await this.root.getByRole('radio', { name: label }).check()
  }

  async setKey(provider: 'openai' | 'anthropic', key: string): Promise<void> {
    await this.page.getByTestId(`key-input-${provider}`).fill(key)
    await this.page.getByTestId(`key-save-${provider}`).click()
  }
}
