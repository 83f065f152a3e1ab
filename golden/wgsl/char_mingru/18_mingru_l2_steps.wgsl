// mingru_l2_steps: every time step of mingru_l2, each thread its own elements (char_mingru.cell:20-21)
// one thread per element of [B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 304u * sizes.B) { return; }
  let i1 = id % 304u;
  let rest = id / 304u;
  let i0 = rest;
  var h_now = work_buf[1596u * sizes.B * sizes.T + 3040u * sizes.B + 4u + 0u * 304u * sizes.B + i0 * 304u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted9 = work_buf[684u * sizes.B * sizes.T + 1824u * sizes.B + 4u + tau * 304u * sizes.B + i0 * 304u + i1];
    let z = sigmoid(hoisted9);
    let sub10 = (1.0 - z);
    let mul11 = (sub10 * h_now);
    let hoisted15 = work_buf[988u * sizes.B * sizes.T + 1824u * sizes.B + 4u + tau * 304u * sizes.B + i0 * 304u + i1];
    let mul12 = (z * hoisted15);
    let h_next = (mul11 + mul12);
    let sigmoid14 = sigmoid(h_next);
    let y = (h_next * sigmoid14);
    work_buf[76u * sizes.B * sizes.T + 1824u * sizes.B + 4u + tau * 304u * sizes.B + i0 * 304u + i1] = y;
    h_now = h_next;
  }
  work_buf[1596u * sizes.B * sizes.T + 3040u * sizes.B + 4u + 1u * 304u * sizes.B + i0 * 304u + i1] = h_now;
}
