// mingru_l0_steps: every time step of mingru_l0, each thread its own elements (mingru.cell:17)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  var h_now = work_buf[72u * sizes.B * sizes.T + 60u * sizes.B + 0u * 20u * sizes.B + i0 * 20u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted9 = work_buf[92u * sizes.B * sizes.T + 80u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
    let z = sigmoid(hoisted9);
    let sub10 = (1.0 - z);
    let mul11 = (sub10 * h_now);
    let candidate = work_buf[112u * sizes.B * sizes.T + 80u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
    let mul12 = (z * candidate);
    let h_next = (mul11 + mul12);
    work_buf[72u * sizes.B * sizes.T + 60u * sizes.B + write_slot * 20u * sizes.B + i0 * 20u + i1] = h_next;
    h_now = h_next;
  }
}
