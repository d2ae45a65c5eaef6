// Test from outside: the panel on a page of its own.
import { OutsidePanel } from './OutsidePanel';

export function OutsidePage() {
  return (
    <section className="page out-page" aria-labelledby="outside-title" data-page="outside">
      <header className="page-header">
        <h1 id="outside-title">Test from outside</h1>
        <p className="lede">
          No server needed: Port Doctor listens on the port for a few minutes. A phone on your Wi-Fi tests this computer's firewall; a phone on
          mobile data, or a friend, tests your router and internet provider — and you see the moment it reaches this computer.
        </p>
      </header>
      <OutsidePanel />
    </section>
  );
}
