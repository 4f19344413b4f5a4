/**
 * A made-up flow of `count` screens, each a form of eight fields (a title with non-ASCII text):
 * what the flow JSON worker inspects as it starts (to be compiled by the time a real flow comes),
 * and, sized in bytes, the big flow of the benchmarks and tests.
 */
export function sampleFlow(count: number) {
  return {
    version: '5.0',
    screens: Array.from({ length: count }, (_, i) => ({
      id: `SCREEN_${i}`,
      title: `Screen ${i} – Größe 📦`,
      data: {},
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'Form',
            name: `form_${i}`,
            children: Array.from({ length: 8 }, (_, k) => ({
              type: k % 2 ? 'TextInput' : 'Dropdown',
              name: `field_${i}_${k}`,
              label: `Field ${k}`,
              required: k % 3 === 0,
            })),
          },
          { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', payload: {} } },
        ],
      },
    })),
  };
}
